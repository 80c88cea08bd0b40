package chaincast.cli;

import chaincast.v1.ObservationInUse;
import chaincast.v1.ObservationRole;
import chaincast.v1.SimulationReport;
import chaincast.v1.Unit;
import java.io.PrintStream;
import java.util.Locale;

/** What the odds rest on, under the tables: skipped targets, assumptions, observations weighed. */
final class OddsFooter {
  private OddsFooter() {}

  /** Prints the footer; lines are clipped to {@code width} columns (0: not clipped). */
  static void print(SimulationReport report, int width, PrintStream out) {
    out.println();
    if (report.getSkippedCount() > 0) {
      line(
          String.format(
              Locale.ROOT,
              "%d selected targets are not simulated (counts and other indicators): 'chaincast"
                  + " targets' says why.",
              report.getSkippedCount()),
          width,
          out);
    }
    line(
        String.format(
            Locale.ROOT,
            "%d cell parameters in play rest on assumptions (flagged in seeds/); change them with"
                + " --what-if.",
            report.getAssumptionsCount()),
        width,
        out);
    if (report.getObservationsCount() == 0) {
      return;
    }
    out.println("Observations weighed as evidence (观测值):");
    for (ObservationInUse o : report.getObservationsList()) {
      line(observation(o), width, out);
    }
  }

  private static void line(String text, int width, PrintStream out) {
    out.println(width > 0 ? Labels.clip(text, width) : text);
  }

  /** One observation: what it is, how it was used, which cells it ties. */
  private static String observation(ObservationInUse o) {
    String subject = o.getCellId().isEmpty() ? o.getTiedCellIdsCount() + " cells" : o.getCellId();
    String period =
        o.hasPeriod()
            ? String.format(
                Locale.ROOT,
                " (months %d-%d, = %s 亿元 for the year)",
                o.getPeriod().getFirstMonth(),
                o.getPeriod().getLastMonth(),
                Formats.amount(o.getAnnualValue(), Unit.UNIT_YI_YUAN))
            : "";
    boolean count = o.getRole() == ObservationRole.OBSERVATION_ROLE_RESTARTS_COUNT;
    return String.format(
        Locale.ROOT,
        "  %s: %s in %d = %s%s%s: %s",
        o.getObservationId(),
        subject,
        o.getYear(),
        Formats.amount(o.getValue(), count ? Unit.UNIT_COUNT : Unit.UNIT_YI_YUAN),
        count ? "" : " 亿元" + period,
        count ? "" : String.format(Locale.ROOT, ", error %.1f%%", 100 * o.getRelativeError()),
        o.getNote());
  }
}
