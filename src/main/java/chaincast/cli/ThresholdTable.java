package chaincast.cli;

import chaincast.v1.Comparison;
import chaincast.v1.SimulationReport;
import chaincast.v1.ThresholdOdds;
import java.io.PrintStream;
import java.util.List;

/** The answers to {@code --at}: subject, year, condition, P with its interval, median. */
final class ThresholdTable {
  private ThresholdTable() {}

  static void print(SimulationReport report, Labels.Lang lang, int nameWidth, PrintStream out) {
    out.println(Labels.pick("阈值概率", "Thresholds", lang) + " (--at)");
    TextTable t =
        new TextTable(
            List.of(
                Labels.pick("对象", "Subject", lang),
                Labels.pick("年", "Year", lang),
                Labels.pick("条件", "Condition", lang),
                "P",
                "95% CI",
                Labels.pick("中位数", "Median", lang)),
            new boolean[] {false, true, false, true, true, true});
    for (ThresholdOdds th : report.getThresholdsList()) {
      t.add(
          List.of(
              Labels.clip(Labels.name(th.getName(), lang), nameWidth),
              String.valueOf(th.getThreshold().getYear()),
              condition(th),
              Formats.pct(th.getProbability().getEstimate()),
              Formats.interval(th.getProbability()),
              Formats.amount(th.getMedian(), th.getUnit())));
    }
    t.print(out);
  }

  /** "≥ 900 亿元", "< 30 count", "800–1,000 亿元". */
  static String condition(ThresholdOdds th) {
    var t = th.getThreshold();
    String unit = " " + Formats.unit(th.getUnit());
    if (t.getComparison() == Comparison.COMPARISON_BETWEEN) {
      return Formats.amount(t.getValue(), th.getUnit())
          + "–"
          + Formats.amount(t.getUpperValue(), th.getUnit())
          + unit;
    }
    return Formats.sign(t.getComparison())
        + " "
        + Formats.amount(t.getValue(), th.getUnit())
        + unit;
  }
}
