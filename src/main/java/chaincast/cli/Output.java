package chaincast.cli;

import com.google.gson.stream.JsonWriter;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Prints a result in the chosen {@link OutputFormat}. */
final class Output {
  private Output() {}

  /**
   * True when CSV starts with a UTF-8 byte-order mark ({@code --excel}): Excel and WPS otherwise
   * read UTF-8 CSV as the local code page and garble the Chinese names. Set once per process, from
   * the command's options, before anything prints.
   */
  static volatile boolean excelBom;

  /** Integers beyond this lose digits as JSON numbers in JavaScript and pandas: they go as text. */
  static final long SAFE_INTEGER = (1L << 53) - 1;

  /**
   * Prints {@code rows} as a table, CSV or tidy JSON (the CSV's columns and values), or {@code
   * response} as protobuf JSON, which parses back into the message with any protobuf library.
   */
  static <T> void print(
      OutputFormat format,
      MessageOrBuilder response,
      List<Column<T>> columns,
      List<T> rows,
      PrintStream out) {
    switch (format) {
      case PROTO_JSON -> json(response, out);
      case JSON -> tidyJson(columns, rows, Map.of(), out);
      case CSV -> csv(columns, rows, out);
      case TABLE -> table(columns, rows, out);
    }
  }

  /**
   * {@code {"<head keys>": …, "rows": [{column: value, …}, …]}}: the CSV's columns in its order,
   * its values as JSON numbers, strings, booleans or null (NaN and infinities as null, integers
   * beyond 2^53 as strings).
   */
  static <T> void tidyJson(
      List<Column<T>> allColumns, List<T> rows, Map<String, Object> head, PrintStream out) {
    List<Column<T>> columns = allColumns.stream().filter(Column::inCsv).toList();
    StringWriter text = new StringWriter();
    try (JsonWriter w = new JsonWriter(text)) {
      w.setIndent("  ");
      w.beginObject();
      for (Map.Entry<String, Object> e : head.entrySet()) {
        w.name(e.getKey());
        value(w, e.getValue());
      }
      w.name("rows").beginArray();
      for (T row : rows) {
        w.beginObject();
        for (Column<T> c : columns) {
          w.name(c.csvName());
          value(w, c.csv().apply(row));
        }
        w.endObject();
      }
      w.endArray().endObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.println(text);
  }

  /** One tidy value; a map becomes an object and a list an array. */
  private static void value(JsonWriter w, Object v) throws IOException {
    if (v == null) {
      w.nullValue();
    } else if (v instanceof Boolean b) {
      w.value(b);
    } else if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (Double.isFinite(d)) {
        w.value(d);
      } else {
        w.nullValue();
      }
    } else if (v instanceof Number n) {
      long l = n.longValue();
      if (Math.abs(l) <= SAFE_INTEGER) {
        w.value(l);
      } else {
        w.value(Long.toUnsignedString(l));
      }
    } else if (v instanceof Map<?, ?> m) {
      w.beginObject();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        w.name(String.valueOf(e.getKey()));
        value(w, e.getValue());
      }
      w.endObject();
    } else if (v instanceof List<?> list) {
      w.beginArray();
      for (Object o : list) {
        value(w, o);
      }
      w.endArray();
    } else {
      w.value(String.valueOf(v));
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
      if (excelBom) {
        out.print('\uFEFF');
      }
      CSVPrinter printer = CSVFormat.RFC4180.builder().setRecordSeparator("\n").get().print(out);
      printer.printRecord(columns.stream().map(Column::csvName).toList());
      for (T row : rows) {
        List<Object> values = new ArrayList<>(columns.size());
        for (Column<T> c : columns) {
          values.add(csvValue(c.csv().apply(row)));
        }
        printer.printRecord(values);
      }
      printer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A value as a CSV field: lists joined by ";", non-finite numbers empty. */
  private static Object csvValue(Object v) {
    if (v instanceof List<?> list) {
      return String.join(";", list.stream().map(String::valueOf).toList());
    }
    if (v instanceof Double d && !Double.isFinite(d)) {
      return null;
    }
    return v;
  }
}
