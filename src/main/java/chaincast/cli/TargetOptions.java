package chaincast.cli;

import chaincast.v1.TargetSelection;
import java.util.List;
import picocli.CommandLine.Option;

/** Which targets a simulation reports on: ids, and a plan, year, chain and region filter. */
final class TargetOptions {
  @Option(names = "--target", paramLabel = "ID", description = "A target id (repeatable).")
  List<String> targetIds = List.of();

  @Option(names = "--plan", paramLabel = "ID", description = "Targets of this plan.")
  String planId = "";

  @Option(names = "--year", paramLabel = "YEAR", description = "Targets for this calendar year.")
  int year;

  @Option(
      names = "--chain",
      paramLabel = "ID",
      description = "Targets whose scope includes this chain.")
  String chainId = "";

  @Option(
      names = "--region",
      paramLabel = "ID",
      description = "Targets whose scope reaches into this region.")
  String regionId = "";

  TargetSelection toProto() {
    return TargetSelection.newBuilder()
        .addAllTargetIds(targetIds)
        .setPlanId(planId)
        .setYear(year)
        .setChainId(chainId)
        .setRegionId(regionId)
        .build();
  }
}
