package chaincast.sensitivity;

/**
 * The documented step each kind of input moves by in a tornado, down and up. Steps are sized to
 * be a plausible revision of the input, not its full uncertainty, and are the same for every
 * cell so bars compare like with like.
 */
enum TornadoStep {
  /** Output the cell starts from (its base value, or its observation): ×0.9 and ×1.1. */
  START_VALUE("start_value", "±10% of the starting output") {
    @Override
    double[] around(double v) {
      return new double[] {0.9 * v, 1.1 * v};
    }
  },
  /** Mean log growth a year: ±0.01 (about ±1 point of growth a year). */
  DRIFT_MEAN("drift_mean", "±0.01 log growth a year (about ±1 point a year)") {
    @Override
    double[] around(double v) {
      return new double[] {Math.max(-1, v - 0.01), Math.min(1, v + 0.01)};
    }
  },
  /** Uncertainty of the drift: ×0.5 and ×1.5 (at most 1). */
  DRIFT_SD("drift_sd", "×0.5 and ×1.5") {
    @Override
    double[] around(double v) {
      return new double[] {0.5 * v, Math.min(1, 1.5 * v)};
    }
  },
  /** Yearly shock size: ×0.75 and ×1.25 (at most 2). */
  VOLATILITY("volatility", "×0.75 and ×1.25") {
    @Override
    double[] around(double v) {
      return new double[] {0.75 * v, Math.min(2, 1.25 * v)};
    }
  },
  /** Count at the base year: -1 and +1 (at least 0). */
  BASE_COUNT("base_count", "−1 and +1") {
    @Override
    double[] around(double v) {
      return new double[] {Math.max(0, v - 1), v + 1};
    }
  },
  /** Mean arrivals a year: ×0.75 and ×1.25. */
  YEARLY_RATE("yearly_rate", "×0.75 and ×1.25") {
    @Override
    double[] around(double v) {
      return new double[] {0.75 * v, Math.min(10_000, 1.25 * v)};
    }
  },
  /** Gamma shape of the rate: ×0.5 and ×2 (half and double the rate's certainty). */
  RATE_SHAPE("rate_shape", "×0.5 and ×2") {
    @Override
    double[] around(double v) {
      return new double[] {0.5 * v, Math.min(1e6, 2 * v)};
    }
  };

  final String parameter;
  final String description;

  TornadoStep(String parameter, String description) {
    this.parameter = parameter;
    this.description = description;
  }

  /** The values one step down and one step up from {@code v}. */
  abstract double[] around(double v);
}
