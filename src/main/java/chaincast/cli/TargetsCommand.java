package chaincast.cli;

import chaincast.v1.ListTargetsRequest;
import chaincast.v1.ListTargetsResponse;
import chaincast.v1.ModelServiceGrpc;
import chaincast.v1.Target;
import chaincast.v1.TargetKind;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code chaincast targets}: the plans' targets, filtered. */
@Command(
    name = "targets",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "List the plans' targets, with where each comes from and whether it is simulated.")
final class TargetsCommand extends ClientCommand {
  /** Target kinds as the command line spells them. */
  enum Kind {
    ANY(TargetKind.TARGET_KIND_UNSPECIFIED),
    OUTPUT(TargetKind.TARGET_KIND_OUTPUT),
    CHAINS_ABOVE(TargetKind.TARGET_KIND_CHAINS_ABOVE),
    COUNT(TargetKind.TARGET_KIND_COUNT),
    OTHER(TargetKind.TARGET_KIND_OTHER);

    final TargetKind proto;

    Kind(TargetKind proto) {
      this.proto = proto;
    }
  }

  @Option(names = "--plan", paramLabel = "ID", description = "Only targets of this plan.")
  String planId = "";

  @Option(
      names = "--year",
      paramLabel = "YEAR",
      description = "Only targets for this calendar year.")
  int year;

  @Option(
      names = "--chain",
      paramLabel = "ID",
      description = "Only targets whose scope includes this chain.")
  String chainId = "";

  @Option(
      names = "--region",
      paramLabel = "ID",
      description = "Only targets whose scope reaches into this region.")
  String regionId = "";

  @Option(
      names = "--kind",
      paramLabel = "KIND",
      description = "Only this kind: ${COMPLETION-CANDIDATES}.")
  Kind kind = Kind.ANY;

  @Option(names = "--simulated", description = "Only targets the engine simulates.")
  boolean simulatedOnly;

  @Override
  int run(Connection connection) {
    ListTargetsResponse r =
        withDeadline(ModelServiceGrpc.newBlockingStub(connection.channel()))
            .listTargets(
                ListTargetsRequest.newBuilder()
                    .setPlanId(planId)
                    .setYear(year)
                    .setChainId(chainId)
                    .setRegionId(regionId)
                    .setKind(kind.proto)
                    .setSimulatedOnly(simulatedOnly)
                    .build());
    Output.print(format(), r, columns(), r.getTargetsList(), Terminal.out);
    if (format() == OutputFormat.TABLE) {
      long simulated =
          r.getTargetsList().stream().filter(t -> t.getNotSimulatedReason().isEmpty()).count();
      Terminal.out.printf(
          Locale.ROOT,
          "%n%d targets, %d of them simulated; values in 亿元 (100 million yuan) or counts.%n",
          r.getTargetsCount(),
          simulated);
    }
    return ExitCode.OK.code();
  }

  static List<Column<Target>> columns() {
    return List.of(
        Column.text("目标 Target", "id", Target::getId),
        Column.text("名称 Name", "name", x -> Formats.name(x.getName())),
        Column.text("规划 Plan", "plan_id", Target::getPlanId),
        Column.number("年 Year", "year", x -> String.valueOf(x.getYear()), Target::getYear),
        Column.number(
            "目标值 Goal",
            "value",
            x -> Formats.sign(x.getComparison()) + Formats.amount(x.getValue(), x.getUnit()),
            Target::getValue),
        Column.text("单位 Unit", "unit", x -> Formats.unit(x.getUnit())),
        Column.csvOnly("comparison", x -> Formats.enumName(x.getComparison())),
        Column.text("类型 Kind", "kind", x -> Formats.enumName(x.getKind())),
        Column.csvOnly("chain_ids", x -> String.join(";", x.getScope().getChainIdsList())),
        Column.csvOnly("region_ids", x -> String.join(";", x.getScope().getRegionIdsList())),
        Column.text(
            "模拟 Simulated", "simulated", x -> x.getNotSimulatedReason().isEmpty() ? "yes" : "no"),
        Column.csvOnly("not_simulated_reason", Target::getNotSimulatedReason),
        Column.text("出处 Source", "source", x -> Formats.citation(x.getCitation())));
  }
}
