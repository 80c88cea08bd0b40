package chaincast.run;

import chaincast.engine.RunSettings;
import chaincast.engine.ShockSpec;
import chaincast.v1.ShockDistribution;
import chaincast.v1.ShockSettings;
import chaincast.v1.SimulationSpec;

/**
 * The stage that reads how a run goes from the request and the server's {@link Limits}: horizon,
 * shock distribution and law, paths or precision, percentiles and seed. Each default is the one
 * {@code SimulationSpec} documents.
 *
 * @param horizon the last simulated calendar year
 * @param distribution the shock distribution in use
 * @param shocks the shock law the engine draws from
 * @param settings paths, precision, seed and percentiles
 */
record SettingsStage(
    int horizon, ShockDistribution distribution, ShockSpec shocks, RunSettings settings) {

  /** The horizon of {@code spec}: its own, or {@link Limits#DEFAULT_HORIZON_YEAR}. */
  static int horizon(SimulationSpec spec) {
    return spec.getHorizonYear() == 0 ? Limits.DEFAULT_HORIZON_YEAR : spec.getHorizonYear();
  }

  /**
   * Reads the settings of a validated spec.
   *
   * @param seeded the model's shock settings
   * @param seed the seed to run with
   */
  static SettingsStage of(SimulationSpec spec, ShockSettings seeded, Limits limits, long seed) {
    ShockDistribution distribution =
        spec.getShockDistribution() == ShockDistribution.SHOCK_DISTRIBUTION_UNSPECIFIED
            ? seeded.getDistribution()
            : spec.getShockDistribution();
    ShockSpec shocks =
        new ShockSpec(
            seeded.getCityWeight().getValue(),
            seeded.getChainWeight().getValue(),
            distribution == ShockDistribution.SHOCK_DISTRIBUTION_STUDENT_T
                ? ShockSpec.Distribution.STUDENT_T
                : ShockSpec.Distribution.NORMAL,
            seeded.getDegreesOfFreedom().getValue());
    return new SettingsStage(horizon(spec), distribution, shocks, settings(spec, limits, seed));
  }

  private static RunSettings settings(SimulationSpec spec, Limits limits, long seed) {
    double[] percentiles =
        spec.getPercentilesCount() == 0
            ? Limits.DEFAULT_PERCENTILES.stream().mapToDouble(Double::doubleValue).toArray()
            : spec.getPercentilesList().stream()
                .mapToDouble(Double::doubleValue)
                .sorted()
                .distinct()
                .toArray();
    if (spec.hasPrecision()) {
      long cap =
          spec.getPrecision().getMaxPaths() == 0
              ? limits.maxPaths()
              : spec.getPrecision().getMaxPaths();
      return new RunSettings(0, spec.getPrecision().getHalfWidth(), cap, seed, percentiles)
          .with(Methods.fromProto(spec.getVarianceReduction()));
    }
    // A server with a lower limit than the default runs its limit, never more.
    long paths =
        spec.getPaths() == 0 ? Math.min(Limits.DEFAULT_PATHS, limits.maxPaths()) : spec.getPaths();
    return new RunSettings(paths, 0, paths, seed, percentiles)
        .with(Methods.fromProto(spec.getVarianceReduction()));
  }
}
