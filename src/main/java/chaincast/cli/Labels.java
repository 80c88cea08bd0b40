package chaincast.cli;

import chaincast.v1.LocalizedName;
import java.util.Locale;

/** People-facing names in the language asked for, clipped to a display width. */
final class Labels {
  /** Which language names and headers are shown in ({@code --lang}). */
  enum Lang {
    ZH,
    EN,
    BOTH;

    static Lang parse(String text) {
      return valueOf(text.strip().toUpperCase(Locale.ROOT));
    }
  }

  private Labels() {}

  /** The name in {@code lang}: "中文", "English" or "中文 English" (one side if the other is empty). */
  static String name(LocalizedName n, Lang lang) {
    return pick(n.getZh(), n.getEn(), lang);
  }

  /** {@code zh}, {@code en} or both, as {@code lang} asks. */
  static String pick(String zh, String en, Lang lang) {
    return switch (lang) {
      case ZH -> zh.isEmpty() ? en : zh;
      case EN -> en.isEmpty() ? zh : en;
      case BOTH -> zh.isEmpty() ? en : en.isEmpty() ? zh : zh + " " + en;
    };
  }

  /** {@code s} cut to {@code width} terminal columns, ending in "…" when cut. */
  static String clip(String s, int width) {
    if (TextTable.width(s) <= width) {
      return s;
    }
    StringBuilder b = new StringBuilder();
    int w = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      int cw = TextTable.width(new String(Character.toChars(cp)));
      if (w + cw > width - 1) {
        break;
      }
      b.appendCodePoint(cp);
      w += cw;
      i += Character.charCount(cp);
    }
    return b.toString().stripTrailing() + "…";
  }

  /**
   * What tells a part apart from its whole: "海州区" from "医药总产值" and "医药总产值（海州区）", "Haizhou" from
   * "Pharma output, seven counties" and "Pharma output, Haizhou". The part's whole name when they
   * share no leading words.
   */
  static LocalizedName partName(LocalizedName part, LocalizedName whole) {
    return LocalizedName.newBuilder()
        .setZh(rest(part.getZh(), whole.getZh()))
        .setEn(rest(part.getEn(), whole.getEn()))
        .build();
  }

  /** What a whole and its parts share: "规模以上医药工业企业数", "Pharma firms above designated size". */
  static LocalizedName sharedName(LocalizedName whole, LocalizedName part) {
    return LocalizedName.newBuilder()
        .setZh(shared(whole.getZh(), part.getZh()))
        .setEn(shared(whole.getEn(), part.getEn()))
        .build();
  }

  private static String rest(String part, String whole) {
    int cut = boundary(part, whole);
    String r = part.substring(cut).replaceAll("^[\\s,，:：（(]+|[\\s）)]+$", "");
    return cut == 0 || r.isEmpty() ? part : r;
  }

  private static String shared(String whole, String part) {
    int cut = boundary(part, whole);
    String s = whole.substring(0, cut).replaceAll("[\\s,，:：（(]+$", "");
    return s.isEmpty() ? whole : s;
  }

  /** The length of the common prefix, backed off to a word or bracket boundary. */
  private static int boundary(String a, String b) {
    int n = 0;
    while (n < a.length() && n < b.length() && a.charAt(n) == b.charAt(n)) {
      n++;
    }
    if (n == a.length() || n == b.length()) {
      return n;
    }
    while (n > 0 && !isSeparator(a.charAt(n - 1)) && !isSeparator(a.charAt(n))) {
      n--;
    }
    return n;
  }

  private static boolean isSeparator(char c) {
    return c == ' ' || c == ',' || c == '，' || c == '（' || c == '(' || c == ':' || c == '：';
  }
}
