package chaincast.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table aligned by display width: CJK characters take two terminal columns, so padding
 * by {@code String.length()} would misalign every bilingual row.
 */
final class TextTable {
  private final List<String> headers;
  private final List<String> subHeaders;
  private final boolean[] rightAligned;
  private final List<List<String>> rows = new ArrayList<>();

  TextTable(List<String> headers, boolean[] rightAligned) {
    this(headers, null, rightAligned);
  }

  /** A table with a second header line ({@code null}: none), e.g. English under Chinese names. */
  TextTable(List<String> headers, List<String> subHeaders, boolean[] rightAligned) {
    this.headers = List.copyOf(headers);
    this.subHeaders = subHeaders == null ? null : List.copyOf(subHeaders);
    this.rightAligned = rightAligned.clone();
  }

  void add(List<String> row) {
    rows.add(List.copyOf(row));
  }

  void print(PrintStream out) {
    int[] widths = new int[headers.size()];
    for (int c = 0; c < widths.length; c++) {
      widths[c] = width(headers.get(c));
      if (subHeaders != null) {
        widths[c] = Math.max(widths[c], width(subHeaders.get(c)));
      }
      for (List<String> r : rows) {
        widths[c] = Math.max(widths[c], width(r.get(c)));
      }
    }
    out.println(line(headers, widths));
    if (subHeaders != null) {
      out.println(line(subHeaders, widths));
    }
    StringBuilder rule = new StringBuilder();
    for (int c = 0; c < widths.length; c++) {
      rule.append(c == 0 ? "" : "  ").append("-".repeat(widths[c]));
    }
    out.println(rule);
    for (List<String> r : rows) {
      out.println(line(r, widths));
    }
  }

  private String line(List<String> cells, int[] widths) {
    StringBuilder b = new StringBuilder();
    for (int c = 0; c < widths.length; c++) {
      String cell = cells.get(c);
      String pad = " ".repeat(widths[c] - width(cell));
      b.append(c == 0 ? "" : "  ").append(rightAligned[c] ? pad + cell : cell + pad);
    }
    return b.toString().stripTrailing();
  }

  /** Terminal columns a string takes: 2 for East Asian wide characters, 1 otherwise. */
  static int width(String s) {
    int w = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      w += isWide(cp) ? 2 : 1;
      i += Character.charCount(cp);
    }
    return w;
  }

  private static boolean isWide(int cp) {
    return (cp >= 0x1100 && cp <= 0x115F)
        || (cp >= 0x2E80 && cp <= 0xA4CF && cp != 0x303F)
        || (cp >= 0xAC00 && cp <= 0xD7A3)
        || (cp >= 0xF900 && cp <= 0xFAFF)
        || (cp >= 0xFE30 && cp <= 0xFE4F)
        || (cp >= 0xFF00 && cp <= 0xFF60)
        || (cp >= 0xFFE0 && cp <= 0xFFE6);
  }
}
