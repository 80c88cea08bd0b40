package chaincast.cli;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Prints a result in the chosen {@link OutputFormat}. */
final class Output {
  private Output() {}

  /**
   * Prints {@code response} as JSON, or {@code rows} as a table or CSV. The JSON is the whole
   * response message, so it parses back into it with any protobuf library.
   */
  static <T> void print(
      OutputFormat format,
      MessageOrBuilder response,
      List<Column<T>> columns,
      List<T> rows,
      PrintStream out) {
    switch (format) {
      case JSON -> json(response, out);
      case CSV -> csv(columns, rows, out);
      case TABLE -> table(columns, rows, out);
    }
  }

  static void json(MessageOrBuilder message, PrintStream out) {
    try {
      out.println(JsonFormat.printer().print(message));
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("a response without Any fields always prints", e);
    }
  }

  static <T> void table(List<Column<T>> columns, List<T> rows, PrintStream out) {
    List<Column<T>> shown = columns.stream().filter(Column::inTable).toList();
    boolean[] right = new boolean[shown.size()];
    for (int i = 0; i < right.length; i++) {
      right[i] = shown.get(i).rightAligned();
    }
    TextTable t = new TextTable(shown.stream().map(Column::header).toList(), right);
    for (T row : rows) {
      List<String> cells = new ArrayList<>(shown.size());
      for (Column<T> c : shown) {
        cells.add(c.table().apply(row));
      }
      t.add(cells);
    }
    t.print(out);
  }

  static <T> void csv(List<Column<T>> allColumns, List<T> rows, PrintStream out) {
    List<Column<T>> columns = allColumns.stream().filter(Column::inCsv).toList();
    try {
      CSVPrinter printer = CSVFormat.RFC4180.builder().setRecordSeparator("\n").get().print(out);
      printer.printRecord(columns.stream().map(Column::csvName).toList());
      for (T row : rows) {
        List<Object> values = new ArrayList<>(columns.size());
        for (Column<T> c : columns) {
          values.add(c.csv().apply(row));
        }
        printer.printRecord(values);
      }
      printer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
