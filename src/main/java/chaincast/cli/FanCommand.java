package chaincast.cli;

import chaincast.chart.ChartText;
import chaincast.chart.FanChart;
import chaincast.chart.TargetMark;
import chaincast.run.SubjectNames;
import chaincast.v1.Fan;
import chaincast.v1.FanRequest;
import chaincast.v1.FanYear;
import chaincast.v1.PercentileValue;
import chaincast.v1.SimulateResponse;
import chaincast.v1.SimulationReport;
import chaincast.v1.SimulationServiceGrpc;
import chaincast.v1.SimulationSpec;
import chaincast.v1.Subject;
import chaincast.v1.TargetOdds;
import chaincast.v1.TargetSelection;
import chaincast.v1.Unit;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code chaincast fan}: percentiles per year of a cell or group's simulated value, and a fan
 * chart.
 */
@Command(
    name = "fan",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Percentiles per year of a cell's or group's simulated value, and a fan chart.",
      "From the base year to the horizon; --png/--svg draw the fan with the target marked."
    })
final class FanCommand extends ClientCommand {
  /** Exactly one subject. */
  static final class SubjectOption {
    @Option(
        names = "--cell",
        paramLabel = "ID",
        required = true,
        description = "One cell, e.g. pharma@etdz.")
    String cell;

    @Option(
        names = "--chain",
        paramLabel = "ID",
        required = true,
        description = "All cells of a chain, e.g. pharma.")
    String chain;

    @Option(
        names = "--region",
        paramLabel = "ID",
        required = true,
        description = "All cells of a region, e.g. etdz.")
    String region;

    @Option(
        names = "--target",
        paramLabel = "ID",
        required = true,
        description =
            "The cells in a target's scope; the target is marked, e.g. pharma-output-2025.")
    String target;

    @Option(names = "--city", required = true, description = "Every cell of the ten city chains.")
    boolean city;

    Subject toProto() {
      Subject.Builder s = Subject.newBuilder();
      if (cell != null) {
        s.setCellId(cell);
      } else if (chain != null) {
        s.setChainId(chain);
      } else if (region != null) {
        s.setRegionId(region);
      } else if (target != null) {
        s.setTargetId(target);
      } else {
        s.setCity(true);
      }
      return s.build();
    }
  }

  @ArgGroup(exclusive = true, multiplicity = "1", heading = "Subject (one of):%n")
  SubjectOption subject;

  @Option(
      names = "--mark",
      paramLabel = "TARGET_ID",
      description = "Also mark this target on the chart and report its odds (repeatable).")
  List<String> marks = List.of();

  @Mixin SimulationOptions simulation;

  @Mixin ChartOptions chart;

  @Override
  int run(Connection connection) throws Exception {
    Set<String> marked = new LinkedHashSet<>();
    if (subject.target != null) {
      marked.add(subject.target);
    }
    marked.addAll(marks);
    SimulationSpec.Builder spec =
        simulation.spec().addFans(FanRequest.newBuilder().setSubject(subject.toProto()));
    // The marked targets are the ones simulated; with none, the default 2025 selection runs
    // (the fan itself does not depend on which targets are selected).
    spec.setTargets(TargetSelection.newBuilder().addAllTargetIds(marked));
    SimulationReport report =
        SimulationCall.run(
            withDeadline(SimulationServiceGrpc.newBlockingStub(connection.channel())),
            spec.build(),
            simulation.progressBar(spec));
    Fan fan = report.getFans(0);
    List<TargetOdds> odds =
        report.getOddsList().stream().filter(o -> marked.contains(o.getTargetId())).toList();
    print(report, fan, odds, format(), Terminal.out);
    if (chart.wanted()) {
      ChartText text = chart.text();
      List<TargetMark> targetMarks = new ArrayList<>();
      for (TargetOdds o : odds) {
        targetMarks.add(
            new TargetMark(
                o.getYear(),
                o.getTargetValue(),
                o.getName().getZh(),
                o.getName().getEn(),
                o.getPHit().getEstimate()));
      }
      chart.write(FanChart.build(fan, targetMarks, subtitle(report), text), 600);
    }
    return ExitCode.OK.code();
  }

  private static String subtitle(SimulationReport report) {
    return "Bands: share of simulated paths between the percentiles; line: median. "
        + RunSummary.forChart(report.getRun());
  }

  static void print(
      SimulationReport report,
      Fan fan,
      List<TargetOdds> odds,
      OutputFormat format,
      PrintStream out) {
    switch (format) {
      case PROTO_JSON -> Output.json(SimulateResponse.newBuilder().setReport(report), out);
      case JSON ->
          Output.tidyJson(longColumns(fan), longRows(fan), RunJson.of(report.getRun()), out);
      case CSV -> Output.csv(longColumns(fan), longRows(fan), out);
      case TABLE -> {
        out.println(
            "Chaincast: fan of "
                + Formats.name(fan.getName())
                + ", in "
                + Formats.unit(fan.getUnit())
                + (fan.getUnit() == Unit.UNIT_YI_YUAN ? " (100 million yuan)" : "")
                + " — "
                + RunSummary.of(report.getRun()));
        out.println();
        Output.table(wideColumns(fan), fan.getYearsList(), out);
        if (!odds.isEmpty()) {
          out.println();
          for (TargetOdds o : odds) {
            out.printf(
                Locale.ROOT,
                "Target %s %s%s %s in %d: P(hit) %s %s%n",
                o.getTargetId(),
                Formats.sign(o.getComparison()),
                Formats.amount(o.getTargetValue(), o.getUnit()),
                Formats.unit(o.getUnit()),
                o.getYear(),
                Formats.pct(o.getPHit().getEstimate()),
                Formats.interval(o.getPHit()));
          }
        }
      }
    }
  }

  /** Table: one row per year, one column per percentile. */
  private static List<Column<FanYear>> wideColumns(Fan fan) {
    List<Column<FanYear>> c = new ArrayList<>();
    c.add(Column.tableOnly("年 Year", true, y -> String.valueOf(y.getYear())));
    List<PercentileValue> ps = fan.getYears(0).getPercentilesList();
    for (int i = 0; i < ps.size(); i++) {
      int k = i;
      String header =
          OddsRows.percentileColumn(ps.get(i).getPercentile())
              .toUpperCase(Locale.ROOT)
              .replace('_', '.');
      c.add(
          Column.tableOnly(
              header, true, y -> Formats.amount(y.getPercentiles(k).getValue(), fan.getUnit())));
    }
    return c;
  }

  /** A CSV row: one percentile of one year. */
  private record Point(int year, double percentile, double value) {}

  private static List<Point> longRows(Fan fan) {
    List<Point> rows = new ArrayList<>();
    for (FanYear y : fan.getYearsList()) {
      for (PercentileValue p : y.getPercentilesList()) {
        rows.add(new Point(y.getYear(), p.getPercentile(), p.getValue()));
      }
    }
    return rows;
  }

  /** CSV: long format (subject, year, percentile, value), ready for pandas or a pivot table. */
  private static List<Column<Point>> longColumns(Fan fan) {
    String subject =
        SubjectNames.key(fan.getSubject()); // the key the server and the Python client use
    return List.of(
        Column.csvOnly("subject", p -> subject),
        Column.csvOnly("name_zh", p -> fan.getName().getZh()),
        Column.csvOnly("name_en", p -> fan.getName().getEn()),
        Column.csvOnly("unit", p -> Formats.unitCode(fan.getUnit())),
        Column.csvOnly("year", Point::year),
        Column.csvOnly("percentile", Point::percentile),
        Column.csvOnly("value", Point::value));
  }
}
