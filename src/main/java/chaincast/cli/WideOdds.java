package chaincast.cli;

import chaincast.v1.JointOdds;
import chaincast.v1.SimulationReport;
import chaincast.v1.TargetOdds;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** {@code odds --wide}: one row per target with full names, then the joint sets; not clipped. */
final class WideOdds {
  private WideOdds() {}

  static void print(
      SimulationReport report, List<OddsColumn> columns, Labels.Lang lang, PrintStream out) {
    out.println("Chaincast: odds of reaching the targets — " + RunSummary.of(report.getRun()));
    out.println(
        "P(hit) with its 95% interval, estimated as 方法 Method says (×: variance cut against plain"
            + " Monte Carlo); output in 亿元 (100 million yuan), counts as counts; growth in % a year"
            + " from the base.");
    out.println();
    TextTable t = OddsColumn.table(columns, lang);
    for (TargetOdds o : report.getOddsList()) {
      String name = Labels.name(o.getName(), lang);
      t.add(columns.stream().map(c -> c.cell(o, name, lang)).toList());
    }
    t.print(out);
    if (report.getThresholdsCount() > 0) {
      out.println();
      ThresholdTable.print(report, lang, Integer.MAX_VALUE, out);
    }
    if (report.getJointCount() > 0) {
      out.println();
      TextTable j =
          new TextTable(
              List.of(
                  Labels.pick("联合目标", "Joint set", lang),
                  "id",
                  Labels.pick("目标数", "Targets", lang),
                  "P(all hit)",
                  "95% CI",
                  Labels.pick("单项最低", "Min single P", lang)),
              new boolean[] {false, false, true, true, true, true});
      for (JointOdds jo : report.getJointList()) {
        List<String> row = new ArrayList<>();
        row.add(Labels.name(jo.getName(), lang));
        row.add(jo.getId());
        row.add(String.valueOf(jo.getTargetIdsCount()));
        row.add(Formats.pct(jo.getPAllHit().getEstimate()));
        row.add(Formats.interval(jo.getPAllHit()));
        row.add(Formats.pct(jo.getMinMarginal()));
        j.add(row);
      }
      j.print(out);
    }
    OddsFooter.print(report, 0, out);
  }
}
