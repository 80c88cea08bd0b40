package chaincast.cli;

import chaincast.v1.TargetOdds;
import com.google.common.base.Splitter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A column of the odds table, chosen with {@code --columns}. */
enum OddsColumn {
  ID("id", "目标", "Target", "目标 Target", false),
  NAME("name", "名称", "Name", "名称 Name", false),
  YEAR("year", "年", "Year", "年 Year", true),
  GOAL("goal", "目标值", "Goal", "目标 Goal", true),
  P("p", "P(达成)", "P(hit)", "P(hit)", true),
  CI("ci", "95%区间", "95% CI", "95% CI", true),
  METHOD("method", "方法", "Method", "方法 Method", false),
  MEDIAN("median", "中位数", "Median", "中位 Median", true),
  MEAN("mean", "均值", "Mean", "均值 Mean", true),
  NEED("need", "需增速", "Need", "需增 Need", true),
  GROWTH("growth", "中位增速", "Growth", "增速 Growth", true),
  SHORTFALL("shortfall", "预期缺口", "Shortfall", "缺口 Shortfall", true),
  REGION("region", "区域", "Region", "区域 Region", false);

  /** The compact table's columns. */
  static final List<OddsColumn> COMPACT = List.of(NAME, GOAL, P, CI, MEDIAN, NEED, GROWTH);

  /** {@code --wide}: every figure the table has. */
  static final List<OddsColumn> WIDE =
      List.of(ID, NAME, YEAR, GOAL, P, CI, METHOD, MEDIAN, NEED, GROWTH);

  private final String key;
  private final String zh;
  private final String en;
  private final String both;
  private final boolean rightAligned;

  /** {@code both}: the bilingual header, kept short so the compact table fits 120 columns. */
  OddsColumn(String key, String zh, String en, String both, boolean rightAligned) {
    this.key = key;
    this.zh = zh;
    this.en = en;
    this.both = both;
    this.rightAligned = rightAligned;
  }

  boolean rightAligned() {
    return rightAligned;
  }

  String header(Labels.Lang lang) {
    return lang == Labels.Lang.BOTH ? both : Labels.pick(zh, en, lang);
  }

  /** The cell of {@code o}; {@code label} is the name as the screen shows it (indented, short). */
  String cell(TargetOdds o, String label, Labels.Lang lang) {
    boolean growth = OddsRows.hasGrowth(o);
    return switch (this) {
      case ID -> o.getTargetId();
      case NAME -> label;
      case YEAR -> String.valueOf(o.getYear());
      case GOAL ->
          Formats.sign(o.getComparison()) + Formats.amount(o.getTargetValue(), o.getUnit());
      case P -> Formats.pct(o.getPHit().getEstimate());
      case CI -> Formats.interval(o.getPHit());
      case METHOD -> Formats.method(o);
      case MEDIAN -> Formats.amount(o.getMedian(), o.getUnit());
      case MEAN -> Formats.amount(o.getMean(), o.getUnit());
      case NEED -> growth ? Formats.growth(o.getRequiredGrowth()) : "";
      case GROWTH -> growth ? Formats.growth(o.getMedianGrowth()) : "";
      case SHORTFALL -> Formats.amount(o.getExpectedShortfall(), o.getUnit());
      case REGION -> o.getRegionId();
    };
  }

  /** An empty table with these columns' headers and alignment. */
  static TextTable table(List<OddsColumn> columns, Labels.Lang lang) {
    boolean[] right = new boolean[columns.size()];
    for (int i = 0; i < right.length; i++) {
      right[i] = columns.get(i).rightAligned();
    }
    return new TextTable(columns.stream().map(c -> c.header(lang)).toList(), right);
  }

  /** "name,goal,p": the columns named, in that order. */
  static List<OddsColumn> parse(String list) {
    List<OddsColumn> out = new ArrayList<>();
    for (String part : Splitter.on(',').split(list)) {
      String key = part.strip().toLowerCase(Locale.ROOT);
      OddsColumn found = null;
      for (OddsColumn c : values()) {
        if (c.key.equals(key)) {
          found = c;
        }
      }
      if (found == null) {
        throw new IllegalArgumentException(
            "'" + part.strip() + "' is not a column; choose from " + keys());
      }
      out.add(found);
    }
    return out;
  }

  static String keys() {
    StringBuilder b = new StringBuilder();
    for (OddsColumn c : values()) {
      b.append(b.length() == 0 ? "" : ", ").append(c.key);
    }
    return b.toString();
  }
}
