package chaincast.cli;

import chaincast.v1.CellOverride;
import chaincast.v1.Precision;
import chaincast.v1.ShockDistribution;
import chaincast.v1.SimulationSpec;
import chaincast.v1.SimulationSpecOrBuilder;
import chaincast.v1.VarianceReduction;
import java.util.List;
import picocli.CommandLine.Option;

/** How to run a simulation: paths or precision, seed, horizon, what-ifs, shocks, progress. */
final class SimulationOptions {
  /** Student-t or normal shocks, as the command line spells them. */
  enum Shocks {
    SEEDED(ShockDistribution.SHOCK_DISTRIBUTION_UNSPECIFIED),
    NORMAL(ShockDistribution.SHOCK_DISTRIBUTION_NORMAL),
    STUDENT_T(ShockDistribution.SHOCK_DISTRIBUTION_STUDENT_T);

    final ShockDistribution proto;

    Shocks(ShockDistribution proto) {
      this.proto = proto;
    }
  }

  @Option(
      names = "--paths",
      paramLabel = "N",
      converter = WholeNumberConverter.class,
      description = "Paths to simulate (default: ${DEFAULT-VALUE}).")
  long paths = 1_000_000;

  @Option(
      names = "--precision",
      paramLabel = "HALF_WIDTH",
      description =
          "Instead of a path count: run until every 95%% half-width is at most this, e.g. 0.002 (±0.2 points).")
  Double precision;

  @Option(
      names = "--max-paths",
      converter = WholeNumberConverter.class,
      paramLabel = "N",
      description = "With --precision: stop at this many paths anyway (default: the server's cap).")
  long maxPaths;

  @Option(
      names = "--seed",
      description =
          "Random seed; the same seed gives the same numbers (default: ${DEFAULT-VALUE}).")
  long seed = 2025;

  @Option(
      names = "--horizon",
      paramLabel = "YEAR",
      description = "Last simulated calendar year (default: 2025).")
  int horizon;

  @Option(
      names = "--what-if",
      paramLabel = "CELL:PARAM=VALUE,...",
      converter = WhatIf.class,
      description = {
        "Override a cell's parameters for this run (repeatable), e.g.",
        "pharma@etdz:drift_mean=0.05,volatility=0.2. PARAM: base_value (亿元), drift_mean, drift_sd, volatility."
      })
  List<CellOverride> whatIfs = List.of();

  @Option(
      names = "--scenario",
      paramLabel = "ID",
      description =
          "Simulate a stored scenario (see 'chaincast scenario'); --what-if applies on top.")
  String scenario;

  @Option(
      names = "--ignore-seeded-observations",
      description = "Start from the seeded base values, not the documents' observed actuals.")
  boolean ignoreSeededObservations;

  @Option(
      names = "--shocks",
      paramLabel = "KIND",
      description =
          "Shock distribution: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}, the seeded one).")
  Shocks shocks = Shocks.SEEDED;

  /** The variance reductions, as the command line spells them. */
  enum Variance {
    AUTO(VarianceReduction.VARIANCE_REDUCTION_AUTO),
    PLAIN(VarianceReduction.VARIANCE_REDUCTION_PLAIN),
    CONDITIONAL(VarianceReduction.VARIANCE_REDUCTION_CONDITIONAL),
    QUASI_RANDOM(VarianceReduction.VARIANCE_REDUCTION_QUASI_RANDOM),
    IMPORTANCE(VarianceReduction.VARIANCE_REDUCTION_IMPORTANCE);

    final VarianceReduction proto;

    Variance(VarianceReduction proto) {
      this.proto = proto;
    }
  }

  @Option(
      names = "--variance",
      paramLabel = "METHOD",
      description =
          "How P(hit) is estimated: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}, the best"
              + " valid method per target, measured on the run's own paths).")
  Variance variance = Variance.AUTO;

  @Option(
      names = "--percentiles",
      split = ",",
      paramLabel = "P",
      description = "Percentiles to report, 0 < P < 100 (default: 5,25,50,75,95).")
  List<Double> percentiles = List.of();

  @Option(
      names = "--progress",
      negatable = true,
      description = {
        "Show a progress bar on stderr (default: when stderr is a terminal).",
        "Progress uses the streaming call; stdout carries only the result."
      })
  Boolean progress;

  /** A spec with everything but the targets and fans, which each command sets. */
  SimulationSpec.Builder spec() {
    SimulationSpec.Builder b =
        SimulationSpec.newBuilder()
            .setSeed(seed)
            .setHorizonYear(horizon)
            .addAllOverrides(whatIfs)
            .addAllPercentiles(percentiles)
            .setShockDistribution(shocks.proto)
            .setIgnoreSeededObservations(ignoreSeededObservations)
            .setVarianceReduction(variance.proto);
    if (scenario != null) {
      b.setScenarioId(scenario);
    }
    if (precision != null) {
      b.setPrecision(Precision.newBuilder().setHalfWidth(precision).setMaxPaths(maxPaths));
    } else {
      b.setPaths(paths);
    }
    return b;
  }

  /**
   * A progress bar on stderr when one is wanted (asked for, or stderr is a terminal), else null.
   */
  ProgressBar progressBar(SimulationSpecOrBuilder spec) {
    boolean terminal = Terminal.stderrIsTerminal();
    if (!(progress != null ? progress : terminal)) {
      return null;
    }
    return new ProgressBar(
        Terminal.err, terminal, spec.hasPrecision() ? spec.getPrecision().getHalfWidth() : 0);
  }
}
