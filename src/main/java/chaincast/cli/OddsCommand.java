package chaincast.cli;

import chaincast.chart.ChartText;
import chaincast.chart.OddsChart;
import chaincast.v1.JointRequest;
import chaincast.v1.SimulateResponse;
import chaincast.v1.SimulationReport;
import chaincast.v1.SimulationServiceGrpc;
import chaincast.v1.SimulationSpec;
import chaincast.v1.TargetKind;
import chaincast.v1.TargetOdds;
import chaincast.v1.Threshold;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code chaincast odds}: P(hit) of targets, with intervals, as a summary that fits a terminal, the
 * full table, tidy CSV or JSON, and a chart; and P at any level ({@code --at}).
 */
@Command(
    name = "odds",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Probability of reaching targets, with intervals (default: every simulated 2025 target).",
      "Opens with the joint sets and the headline targets, each followed by its parts, then the"
          + " count targets as an indicator × region matrix; --wide gives one full row per target."
    })
final class OddsCommand extends ClientCommand {
  @Mixin TargetOptions targets;

  @Option(
      names = "--joint",
      paramLabel = "NAME=ID,ID,...",
      description = "Also the probability that all these targets are hit together (repeatable).")
  List<String> joint = List.of();

  @Option(
      names = "--at",
      paramLabel = "SUBJECT[@YEAR]OP VALUE",
      description = {
        "P at any level (repeatable): SUBJECT is a target, cell, count cell, chain or region id or"
            + " 'city'; OP is >=, >, <=, < or = with a range A..B; YEAR defaults to the horizon.",
        "E.g. --at 'pharma-output-2025>=900', --at 'pharma@etdz@2024<700',"
            + " --at 'pharma_firms_above_size@etdz=25..35'."
      })
  List<String> at = List.of();

  @Option(
      names = "--wide",
      description = "The full table: one row per target, counts included, ids and methods shown.")
  boolean wide;

  @Option(
      names = "--kind",
      paramLabel = "KIND",
      split = ",",
      description = "Only targets of these kinds: output, count, chains_above (default: all).")
  List<String> kind = List.of();

  @Option(
      names = "--lang",
      paramLabel = "zh|en|both",
      description = "Language of names and headers (default: ${DEFAULT-VALUE}).")
  String lang = "both";

  @Option(
      names = "--columns",
      paramLabel = "COL,COL,...",
      description =
          "Table columns, in order, from: id, name, year, goal, p, ci, method, median,"
              + " mean, need, growth, shortfall, region.")
  String columns;

  @Mixin SimulationOptions simulation;

  @Mixin ChartOptions chart;

  private List<Threshold> thresholds = List.of();
  private Labels.Lang language;
  private List<OddsColumn> shownColumns;
  private Set<TargetKind> kinds;

  @Override
  void check() {
    for (String j : joint) {
      parseJoint(j); // fails early, before the server is started
    }
    List<Threshold> parsed = new ArrayList<>();
    for (String a : at) {
      try {
        parsed.add(ThresholdText.parse(a));
      } catch (IllegalArgumentException e) {
        throw usage("--at: " + e.getMessage());
      }
    }
    thresholds = parsed;
    try {
      language = Labels.Lang.parse(lang);
    } catch (IllegalArgumentException e) {
      throw usage("--lang must be zh, en or both, got '" + lang + "'");
    }
    try {
      shownColumns =
          columns != null ? OddsColumn.parse(columns) : wide ? OddsColumn.WIDE : OddsColumn.COMPACT;
    } catch (IllegalArgumentException e) {
      throw usage("--columns: " + e.getMessage());
    }
    kinds = parseKinds();
    try {
      targets.toProto();
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
  }

  private Set<TargetKind> parseKinds() {
    if (kind.isEmpty()) {
      return EnumSet.of(
          TargetKind.TARGET_KIND_OUTPUT,
          TargetKind.TARGET_KIND_COUNT,
          TargetKind.TARGET_KIND_CHAINS_ABOVE);
    }
    Set<TargetKind> out = EnumSet.noneOf(TargetKind.class);
    for (String k : kind) {
      try {
        out.add(TargetKind.valueOf("TARGET_KIND_" + k.strip().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw usage("--kind must be output, count or chains_above, got '" + k + "'");
      }
    }
    return out;
  }

  @Override
  int run(Connection connection) throws Exception {
    SimulationSpec.Builder spec = simulation.spec().setTargets(targets.toProto());
    for (String j : joint) {
      spec.addJoint(parseJoint(j));
    }
    spec.addAllThresholds(thresholds);
    SimulationReport report =
        SimulationCall.run(
            withDeadline(SimulationServiceGrpc.newBlockingStub(connection.channel())),
            spec.build(),
            simulation.progressBar(spec));
    SimulationReport shown = onlyKinds(report);
    print(shown, format(), Terminal.out);
    if (chart.wanted()) {
      ChartText text = chart.text();
      chart.write(
          OddsChart.build(
              shown.getOddsList(), shown.getJointList(), RunSummary.forChart(shown.getRun()), text),
          OddsChart.suggestedHeight(shown.getOddsCount() + shown.getJointCount()));
    }
    return ExitCode.OK.code();
  }

  /** The report with only the targets of the kinds asked for. */
  private SimulationReport onlyKinds(SimulationReport report) {
    List<TargetOdds> kept = new ArrayList<>();
    for (TargetOdds o : report.getOddsList()) {
      if (kinds.contains(o.getKind())) {
        kept.add(o);
      }
    }
    return report.toBuilder().clearOdds().addAllOdds(kept).build();
  }

  private JointRequest parseJoint(String text) {
    int eq = text.indexOf('=');
    String[] ids = eq < 0 ? new String[0] : text.substring(eq + 1).split(",");
    if (eq <= 0 || ids.length < 2) {
      throw usage("--joint '" + text + "' is not NAME=ID,ID[,ID...] with at least two target ids");
    }
    JointRequest.Builder b = JointRequest.newBuilder().setId(text.substring(0, eq).trim());
    for (String id : ids) {
      b.addTargetIds(id.trim());
    }
    return b.build();
  }

  private void print(SimulationReport report, OutputFormat format, PrintStream out) {
    switch (format) {
      case PROTO_JSON -> Output.json(SimulateResponse.newBuilder().setReport(report), out);
      case JSON ->
          Output.tidyJson(
              OddsRows.columns(report), OddsRows.of(report), RunJson.of(report.getRun()), out);
      case CSV -> Output.csv(OddsRows.columns(report), OddsRows.of(report), out);
      case TABLE -> {
        if (wide) {
          WideOdds.print(report, shownColumns, language, out);
        } else {
          new OddsScreen(report, language, shownColumns, kinds, out).print();
        }
      }
    }
  }
}
