package chaincast.chart;

import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.util.List;
import java.util.Optional;

/**
 * Fonts and labels. Labels are bilingual (中文 + English) when a font that draws Chinese is installed
 * and English-only otherwise, so a machine with no CJK font gets a clean chart instead of rows of
 * empty boxes.
 */
public final class ChartText {
  /** CJK families tried first, in order; any other family that draws the sample also does. */
  private static final List<String> PREFERRED =
      List.of(
          "Noto Sans CJK SC",
          "Source Han Sans SC",
          "WenQuanYi Micro Hei",
          "WenQuanYi Zen Hei",
          "Droid Sans Fallback");

  private static final String SAMPLE = "医药产值连云港开发区亿元";

  private final String family;
  private final boolean cjk;

  private ChartText(String family, boolean cjk) {
    this.family = family;
    this.cjk = cjk;
  }

  /** Looks for a CJK-capable font among those installed. */
  public static ChartText detect() {
    return cjkFamily()
        .map(f -> new ChartText(f, true))
        .orElseGet(() -> new ChartText(Font.SANS_SERIF, false));
  }

  /** English labels in the default sans-serif font, whatever is installed. */
  public static ChartText englishOnly() {
    return new ChartText(Font.SANS_SERIF, false);
  }

  private static Optional<String> cjkFamily() {
    String[] families =
        GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames();
    for (String preferred : PREFERRED) {
      for (String f : families) {
        if (f.equals(preferred) && draws(f)) {
          return Optional.of(f);
        }
      }
    }
    for (String f : families) {
      if (!isLogical(f) && draws(f)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  private static boolean draws(String family) {
    return new Font(family, Font.PLAIN, 12).canDisplayUpTo(SAMPLE) == -1;
  }

  /** Java's logical fonts may claim CJK glyphs through fallbacks the chart cannot rely on. */
  private static boolean isLogical(String family) {
    return List.of(Font.DIALOG, Font.DIALOG_INPUT, Font.SANS_SERIF, Font.SERIF, Font.MONOSPACED)
        .contains(family);
  }

  /** True when labels carry Chinese. */
  public boolean bilingual() {
    return cjk;
  }

  /** "中文 English" when Chinese can be drawn, else "English". */
  public String label(String zh, String en) {
    if (!cjk || zh == null || zh.isEmpty()) {
      return en;
    }
    return en == null || en.isEmpty() ? zh : zh + " " + en;
  }

  public Font font(int style, float size) {
    return new Font(family, style, Math.round(size));
  }

  public String family() {
    return family;
  }
}
