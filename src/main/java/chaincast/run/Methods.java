package chaincast.run;

import chaincast.engine.EstimationMethod;
import chaincast.engine.RunSettings;
import chaincast.v1.VarianceReduction;

/** The engine's variance-reduction choices as the API names them, and back. */
final class Methods {
  private Methods() {}

  /** The engine's choice for a requested variance reduction (UNSPECIFIED: AUTO). */
  static RunSettings.VarianceReduction fromProto(VarianceReduction v) {
    return switch (v) {
      case VARIANCE_REDUCTION_PLAIN -> RunSettings.VarianceReduction.PLAIN;
      case VARIANCE_REDUCTION_CONDITIONAL -> RunSettings.VarianceReduction.CONDITIONAL;
      case VARIANCE_REDUCTION_QUASI_RANDOM -> RunSettings.VarianceReduction.QUASI_RANDOM;
      case VARIANCE_REDUCTION_IMPORTANCE -> RunSettings.VarianceReduction.IMPORTANCE;
      case VARIANCE_REDUCTION_AUTO, VARIANCE_REDUCTION_UNSPECIFIED, UNRECOGNIZED ->
          RunSettings.VarianceReduction.AUTO;
    };
  }

  /** A variance reduction as the API names it. */
  static VarianceReduction toProto(RunSettings.VarianceReduction v) {
    return switch (v) {
      case AUTO -> VarianceReduction.VARIANCE_REDUCTION_AUTO;
      case PLAIN -> VarianceReduction.VARIANCE_REDUCTION_PLAIN;
      case CONDITIONAL -> VarianceReduction.VARIANCE_REDUCTION_CONDITIONAL;
      case QUASI_RANDOM -> VarianceReduction.VARIANCE_REDUCTION_QUASI_RANDOM;
      case IMPORTANCE -> VarianceReduction.VARIANCE_REDUCTION_IMPORTANCE;
    };
  }

  /** True for plain hit counts. */
  static boolean plain(EstimationMethod m) {
    return m == EstimationMethod.PLAIN;
  }
}
