package chaincast.sensitivity;

import chaincast.engine.ParameterDomain;

/**
 * The inputs a tornado moves, each with the {@link ParameterDomain} row that sizes its step and
 * keeps both ends inside the values a request could set. Steps are sized to be a plausible
 * revision of the input, not its full uncertainty, and are the same for every cell so bars
 * compare like with like.
 */
enum TornadoStep {
  /**
   * Output the cell starts from (its base value, or its observation). When the start is the
   * cell's share of an observed group total, the step is a direct observation of the cell, so the
   * group's other cells share what is left of the unchanged total: the step moves the allocation,
   * which is all that is uncertain once the total is known.
   */
  START_VALUE("start_value", ParameterDomain.OUTPUT),
  /** Mean log growth a year. */
  DRIFT_MEAN("drift_mean", ParameterDomain.DRIFT_MEAN),
  /** Uncertainty of the drift. */
  DRIFT_SD("drift_sd", ParameterDomain.DRIFT_SD),
  /** Yearly shock size. */
  VOLATILITY("volatility", ParameterDomain.VOLATILITY),
  /** Count at the base year. */
  BASE_COUNT("base_count", ParameterDomain.COUNT),
  /** Mean arrivals a year. */
  YEARLY_RATE("yearly_rate", ParameterDomain.YEARLY_RATE),
  /** Gamma shape of the rate (half and double the rate's certainty). */
  RATE_SHAPE("rate_shape", ParameterDomain.RATE_SHAPE);

  final String parameter;
  final String description;
  private final ParameterDomain domain;

  TornadoStep(String parameter, ParameterDomain domain) {
    this.parameter = parameter;
    this.domain = domain;
    this.description = domain.step().description();
  }

  /** The values one step down and one step up from {@code v}, inside the parameter's domain. */
  double[] around(double v) {
    return domain.around(v);
  }
}
