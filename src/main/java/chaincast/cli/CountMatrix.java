package chaincast.cli;

import chaincast.v1.LocalizedName;
import chaincast.v1.SimulationReport;
import chaincast.v1.TargetOdds;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Count targets as an indicator × region matrix: each cell the goal and P(hit) in whole percent,
 * "·" where the goal is 0 (reached for sure), blank where a region has no target.
 */
final class CountMatrix {
  /** Widest indicator name. */
  static final int LABEL_WIDTH = 30;

  private CountMatrix() {}

  static void print(
      SimulationReport report,
      List<TargetOdds> wholes,
      Map<String, LocalizedName> regions,
      Labels.Lang lang,
      PrintStream out) {
    List<String> headers = new ArrayList<>();
    List<String> sub = new ArrayList<>();
    headers.add(Labels.pick("计数目标", "Count targets", lang));
    sub.add("");
    // Wholes with parts are totals over regions; without parts (one region asked) they stand alone.
    boolean totals = !regions.isEmpty();
    headers.add(totals ? Labels.pick("合计", "Total", lang) : Labels.pick("目标", "Goal", lang));
    sub.add(lang == Labels.Lang.BOTH ? (totals ? "Total" : "Goal") : "");
    for (LocalizedName r : regions.values()) {
      headers.add(lang == Labels.Lang.EN ? r.getEn() : r.getZh());
      sub.add(lang == Labels.Lang.BOTH ? r.getEn() : "");
    }
    boolean[] right = new boolean[headers.size()];
    Arrays.fill(right, 1, right.length, true);
    TextTable t = new TextTable(headers, lang == Labels.Lang.BOTH ? sub : null, right);
    for (TargetOdds whole : wholes) {
      List<String> row = new ArrayList<>();
      TargetOdds first = firstPart(report, whole);
      LocalizedName name =
          first == null ? whole.getName() : Labels.sharedName(whole.getName(), first.getName());
      row.add(Labels.clip(Labels.name(name, lang), LABEL_WIDTH));
      row.add(cell(whole));
      for (String region : regions.keySet()) {
        TargetOdds part = partIn(report, whole, region);
        row.add(part == null ? "" : cell(part));
      }
      t.add(row);
    }
    out.println();
    t.print(out);
    out.println(
        Labels.pick(
            "格内为目标值与达成概率（取整）；· 目标为0，必然达成；精确数字见 --wide 或 --format csv。",
            "Each cell: goal and P(hit) in whole %; · a goal of 0, reached for sure;"
                + " exact figures with --wide or --format csv.",
            lang == Labels.Lang.ZH ? Labels.Lang.ZH : Labels.Lang.EN));
  }

  private static String cell(TargetOdds o) {
    if (OddsScreen.certain(o)) {
      return "·";
    }
    return Formats.sign(o.getComparison())
        + Formats.amount(o.getTargetValue(), o.getUnit())
        + " "
        + OddsScreen.roundPct(o.getPHit().getEstimate());
  }

  private static TargetOdds firstPart(SimulationReport report, TargetOdds whole) {
    for (TargetOdds o : report.getOddsList()) {
      if (o.getPartOf().equals(whole.getTargetId())) {
        return o;
      }
    }
    return null;
  }

  private static TargetOdds partIn(SimulationReport report, TargetOdds whole, String region) {
    for (TargetOdds o : report.getOddsList()) {
      if (o.getPartOf().equals(whole.getTargetId()) && o.getRegionId().equals(region)) {
        return o;
      }
    }
    return null;
  }
}
