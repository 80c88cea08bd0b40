package chaincast.cli;

import chaincast.run.Limits;
import chaincast.v1.RegionMatch;
import chaincast.v1.TargetSelection;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Which targets a simulation reports on: ids, and a plan, year, chain and region filter. The year
 * defaults to 2025 with every filter, so --region haizhou means Haizhou's 2025 targets.
 */
final class TargetOptions {
  @Option(names = "--target", paramLabel = "ID", description = "A target id (repeatable).")
  List<String> targetIds = List.of();

  @Option(names = "--plan", paramLabel = "ID", description = "Targets of this plan.")
  String planId = "";

  @Option(
      names = "--year",
      paramLabel = "YEAR|all",
      description =
          "Targets for this calendar year, or 'all' (default: 2025 unless --target ids are given).")
  String year;

  @Option(
      names = "--chain",
      paramLabel = "ID",
      description = "Targets whose scope includes this chain.")
  String chainId = "";

  @Option(
      names = "--region",
      paramLabel = "ID",
      description =
          "The region's own targets (a county's share of a plan), with --year and --chain.")
  String regionId = "";

  @Option(
      names = "--reaching",
      description =
          "With --region: also the targets whose scope reaches into it (city-wide ones too).")
  boolean reaching;

  TargetSelection toProto() {
    return TargetSelection.newBuilder()
        .addAllTargetIds(targetIds)
        .setPlanId(planId)
        .setYear(year())
        .setChainId(chainId)
        .setRegionId(regionId)
        .setRegionMatch(reaching ? RegionMatch.REGION_MATCH_REACHES : RegionMatch.REGION_MATCH_OWN)
        .build();
  }

  /** The year filter: as given, 0 for 'all', else 2025 unless only ids were given. */
  private int year() {
    if (year == null) {
      boolean filtered = !planId.isEmpty() || !chainId.isEmpty() || !regionId.isEmpty();
      return targetIds.isEmpty() || filtered ? Limits.DEFAULT_HORIZON_YEAR : 0;
    }
    if (year.strip().equalsIgnoreCase("all")) {
      return 0;
    }
    try {
      return Integer.parseInt(year.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--year must be a calendar year or 'all', got '" + year + "'");
    }
  }
}
