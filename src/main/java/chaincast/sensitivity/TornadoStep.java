package chaincast.sensitivity;

import chaincast.engine.CellSpec;
import chaincast.engine.CountCellSpec;
import chaincast.engine.ParameterDomain;
import chaincast.run.EffectiveParameters;
import chaincast.v1.CellOverride;
import chaincast.v1.CountOverride;
import chaincast.v1.ScenarioOverrides;
import chaincast.v1.TargetKind;
import java.util.List;

/**
 * The inputs a tornado moves, each with the {@link ParameterDomain} row that sizes its step and
 * keeps both ends inside the values a request could set. Steps are sized to be a plausible revision
 * of the input, not its full uncertainty, and are the same for every cell so bars compare like with
 * like.
 */
enum TornadoStep {
  /**
   * Output the cell starts from: its base value (the median of its prior, when the base is an
   * assumption). Observations after the base year then weigh the paths as before, so a start that
   * contradicts them moves the odds less than it would unobserved.
   */
  START_VALUE("start_value", ParameterDomain.OUTPUT, false),
  /** Mean log growth a year; 0 is a value like any other. */
  DRIFT_MEAN("drift_mean", ParameterDomain.DRIFT_MEAN, true),
  /** Uncertainty of the drift. */
  DRIFT_SD("drift_sd", ParameterDomain.DRIFT_SD, false),
  /** Yearly shock size. */
  VOLATILITY("volatility", ParameterDomain.VOLATILITY, false),
  /** Count at the base year; a count of 0 still steps up. */
  BASE_COUNT("base_count", ParameterDomain.COUNT, true),
  /** Mean arrivals a year. */
  YEARLY_RATE("yearly_rate", ParameterDomain.YEARLY_RATE, false),
  /** Gamma shape of the rate (half and double the rate's certainty). */
  RATE_SHAPE("rate_shape", ParameterDomain.RATE_SHAPE, false);

  /** The steps of an input that is a cell (output targets and chains-above targets). */
  static final List<TornadoStep> CELL_STEPS =
      List.of(START_VALUE, DRIFT_MEAN, DRIFT_SD, VOLATILITY);

  /** The steps of an input that is a count cell (count targets). */
  static final List<TornadoStep> COUNT_STEPS = List.of(BASE_COUNT, YEARLY_RATE, RATE_SHAPE);

  final String parameter;
  final String description;
  private final ParameterDomain domain;
  private final boolean movesZero;

  TornadoStep(String parameter, ParameterDomain domain, boolean movesZero) {
    this.parameter = parameter;
    this.domain = domain;
    this.movesZero = movesZero;
    this.description = domain.step().description();
  }

  /** The steps per input of a target of {@code kind}. */
  static List<TornadoStep> forKind(TargetKind kind) {
    return kind == TargetKind.TARGET_KIND_COUNT ? COUNT_STEPS : CELL_STEPS;
  }

  /** The values one step down and one step up from {@code v}, inside the parameter's domain. */
  double[] around(double v) {
    return domain.around(v);
  }

  /**
   * Whether this step moves a parameter at {@code v}: a zero rate, shape, spread or volatility
   * means "none" (a known rate, no shocks), which a relative step leaves where it is.
   */
  boolean moves(double v) {
    return v != 0 || movesZero;
  }

  /** The parameter's value in a resolved cell (the start: its base value). */
  double valueIn(CellSpec cell) {
    return switch (this) {
      case START_VALUE -> cell.baseValue();
      case DRIFT_MEAN -> cell.driftMean();
      case DRIFT_SD -> cell.driftSd();
      case VOLATILITY -> cell.volatility();
      default -> throw new IllegalStateException(this + " is not a cell parameter");
    };
  }

  /** The parameter's value in a resolved count cell. */
  double valueIn(CountCellSpec cell) {
    return switch (this) {
      case BASE_COUNT -> cell.baseCount();
      case YEARLY_RATE -> cell.yearlyRate();
      case RATE_SHAPE -> cell.rateShape();
      default -> throw new IllegalStateException(this + " is not a count parameter");
    };
  }

  /**
   * The point's overrides with this parameter of {@code id} set to {@code value}, merged into any
   * override the point has for it by the one merge of {@link EffectiveParameters#merge}.
   */
  ScenarioOverrides set(ScenarioOverrides point, String id, double value) {
    if (COUNT_STEPS.contains(this)) {
      CountOverride.Builder o = CountOverride.newBuilder().setCountCellId(id);
      switch (this) {
        case BASE_COUNT -> o.setBaseCount(value);
        case YEARLY_RATE -> o.setYearlyRate(value);
        default -> o.setRateShape(value);
      }
      return EffectiveParameters.merge(point, List.of(), List.of(o.build()));
    }
    CellOverride.Builder o = CellOverride.newBuilder().setCellId(id);
    switch (this) {
      case START_VALUE -> o.setBaseValue(value);
      case DRIFT_MEAN -> o.setDriftMean(value);
      case DRIFT_SD -> o.setDriftSd(value);
      default -> o.setVolatility(value);
    }
    return EffectiveParameters.merge(point, List.of(o.build()), List.of());
  }
}
