package chaincast.cli;

import chaincast.v1.Comparison;
import chaincast.v1.JointOdds;
import chaincast.v1.LocalizedName;
import chaincast.v1.SimulationReport;
import chaincast.v1.TargetKind;
import chaincast.v1.TargetOdds;
import chaincast.v1.Unit;
import com.google.common.base.Splitter;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The odds as a person reads them first, within {@link #WIDTH} terminal columns: how the run was
 * made, the thresholds asked for, the joint sets, then each headline target followed by its parts
 * (a county's share, one chain of ten), and the count targets as an indicator × region matrix.
 * {@code --wide} prints every target as one row of the full table instead.
 */
final class OddsScreen {
  /** The widest line the summary prints: a common terminal. */
  static final int WIDTH = 120;

  /** Widest joint-set name. */
  static final int JOINT_WIDTH = 44;

  /** Widest name in the compact table. */
  static final int NAME_WIDTH = 44;

  private final SimulationReport report;
  private final Labels.Lang lang;
  private final List<OddsColumn> columns;
  private final Set<TargetKind> kinds;
  private final PrintStream out;

  OddsScreen(
      SimulationReport report,
      Labels.Lang lang,
      List<OddsColumn> columns,
      Set<TargetKind> kinds,
      PrintStream out) {
    this.report = report;
    this.lang = lang;
    this.columns = List.copyOf(columns);
    this.kinds = Set.copyOf(kinds);
    this.out = out;
  }

  void print() {
    header();
    thresholds();
    joints();
    targetTable();
    countMatrix();
    OddsFooter.print(report, WIDTH, out);
  }

  private void header() {
    for (String line :
        wrap("Chaincast: odds of reaching the targets — " + RunSummary.of(report.getRun()))) {
      out.println(line);
    }
    out.println(
        Labels.clip(
            Labels.pick(
                "达成概率及95%置信区间；产值单位亿元，计数为个数；增速为自基年起年均增速。",
                "P(hit) with its 95% interval; output in 亿元 (100 million yuan), counts as counts;"
                    + " growth in % a year from the base.",
                lang == Labels.Lang.ZH ? Labels.Lang.ZH : Labels.Lang.EN),
            WIDTH));
  }

  /** The run summary, broken at ", " to fit the width. */
  static List<String> wrap(String text) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String part : Splitter.onPattern("(?<=, )").split(text)) {
      if (line.length() > 0 && TextTable.width(line + part) > WIDTH) {
        lines.add(line.toString().stripTrailing());
        line = new StringBuilder("  ");
      }
      line.append(part);
    }
    lines.add(line.toString().stripTrailing());
    return lines;
  }

  private void thresholds() {
    if (report.getThresholdsCount() > 0) {
      out.println();
      ThresholdTable.print(report, lang, NAME_WIDTH, out);
    }
  }

  private void joints() {
    if (report.getJointCount() == 0) {
      return;
    }
    out.println();
    TextTable t =
        new TextTable(
            List.of(
                Labels.pick("联合目标", "Joint set", lang),
                Labels.pick("目标数", "N", lang),
                Labels.pick("全部达成", "P(all)", lang),
                "95% CI",
                Labels.pick("单项最低", "Min P", lang)),
            new boolean[] {false, true, true, true, true});
    for (JointOdds j : report.getJointList()) {
      t.add(
          List.of(
              Labels.clip(Labels.name(j.getName(), lang), JOINT_WIDTH),
              String.valueOf(j.getTargetIdsCount()),
              Formats.pct(j.getPAllHit().getEstimate()),
              Formats.interval(j.getPAllHit()),
              Formats.pct(j.getMinMarginal())));
    }
    t.print(out);
  }

  private void targetTable() {
    List<Line> lines = new ArrayList<>();
    for (TargetOdds o : report.getOddsList()) {
      if (o.getPartOf().isEmpty() && shownInTable(o)) {
        addTree(o, null, 0, lines);
      }
    }
    if (lines.isEmpty()) {
      return;
    }
    out.println();
    TextTable t = OddsColumn.table(columns, lang);
    for (Line line : lines) {
      t.add(columns.stream().map(c -> c.cell(line.odds(), line.label(), lang)).toList());
    }
    t.print(out);
  }

  /** A row of the compact table: a target and the label it shows (indented for a part). */
  record Line(TargetOdds odds, String label) {}

  private void addTree(TargetOdds o, TargetOdds whole, int depth, List<Line> lines) {
    LocalizedName name =
        whole == null ? o.getName() : Labels.partName(o.getName(), whole.getName());
    String indent = "  ".repeat(depth);
    lines.add(
        new Line(o, indent + Labels.clip(Labels.name(name, lang), NAME_WIDTH - indent.length())));
    for (TargetOdds part : report.getOddsList()) {
      if (part.getPartOf().equals(o.getTargetId()) && shownInTable(part)) {
        addTree(part, o, depth + 1, lines);
      }
    }
  }

  private boolean shownInTable(TargetOdds o) {
    return o.getKind() != TargetKind.TARGET_KIND_COUNT && kinds.contains(o.getKind());
  }

  /** Count targets: one row per headline count, one column per region of its parts. */
  private void countMatrix() {
    if (!kinds.contains(TargetKind.TARGET_KIND_COUNT)) {
      return;
    }
    Map<String, LocalizedName> regions = new LinkedHashMap<>();
    List<TargetOdds> wholes = new ArrayList<>();
    for (TargetOdds o : report.getOddsList()) {
      if (o.getKind() != TargetKind.TARGET_KIND_COUNT) {
        continue;
      }
      if (o.getPartOf().isEmpty()) {
        wholes.add(o);
      } else {
        TargetOdds whole = byId(o.getPartOf());
        regions.putIfAbsent(o.getRegionId(), Labels.partName(o.getName(), whole.getName()));
      }
    }
    if (wholes.isEmpty()) {
      return;
    }
    CountMatrix.print(report, wholes, regions, lang, out);
  }

  private TargetOdds byId(String id) {
    for (TargetOdds o : report.getOddsList()) {
      if (o.getTargetId().equals(id)) {
        return o;
      }
    }
    throw new IllegalStateException("part_of names a target not in the report: " + id);
  }

  /** P(hit) in whole percent for the matrix: "27%", "<1%", ">99%", "100%". */
  static String roundPct(double p) {
    if (p >= 1.0) {
      return "100%";
    }
    if (p > 0.99) {
      return ">99%";
    }
    if (p <= 0.0) {
      return "0%";
    }
    if (p < 0.01) {
      return "<1%";
    }
    return String.format(Locale.ROOT, "%.0f%%", 100 * p);
  }

  static boolean certain(TargetOdds o) {
    return o.getComparison() == Comparison.COMPARISON_AT_LEAST
        && o.getTargetValue() <= 0
        && o.getUnit() == Unit.UNIT_COUNT;
  }
}
