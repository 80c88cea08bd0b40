package chaincast.api;

import chaincast.engine.MemoryFootprint;
import chaincast.run.Limits;
import chaincast.v1.SimulationSpec;
import com.google.rpc.BadRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * The answer to a run that could never fit the server's run budget, even alone: INVALID_ARGUMENT
 * (retrying or waiting cannot help, the request itself must shrink), with a BadRequest naming the
 * fields behind the largest parts of its {@link MemoryFootprint} and how to shrink them.
 */
final class MemoryAdvice {
  /** A part from this share of the whole on is named. */
  private static final double NAMED_SHARE = 0.25;

  private MemoryAdvice() {}

  /**
   * @param what the RPC's work, e.g. "simulation"
   * @param overridesPrefix where the request's scenario overrides sit ("" for a comparison)
   */
  static ApiException tooLarge(
      String what, MemoryFootprint f, long budget, SimulationSpec spec, String overridesPrefix) {
    List<BadRequest.FieldViolation> v = new ArrayList<>();
    long total = f.total();
    String needs =
        "this "
            + what
            + " needs up to "
            + MemoryFootprint.mebibytes(total)
            + " of heap ("
            + f.describe()
            + "), more than the "
            + MemoryFootprint.mebibytes(budget)
            + " the server lets runs hold; ";
    boolean named = false;
    long largest =
        Math.max(
            Math.max(f.valueHistograms(), f.countHistograms()),
            Math.max(f.countLaws(), f.workspace()));
    if (named(f.valueHistograms(), total, largest)) {
      int horizon =
          spec.getHorizonYear() == 0 ? Limits.DEFAULT_HORIZON_YEAR : spec.getHorizonYear();
      if (spec.getFansCount() > 0) {
        add(
            v,
            "spec.fans",
            needs
                + "each of the "
                + spec.getFansCount()
                + " fans keeps a histogram per year to "
                + horizon
                + ": ask for fewer fans");
      } else {
        add(v, "spec.targets", needs + "each value target keeps a histogram: select fewer targets");
      }
      if (horizon > Limits.DEFAULT_HORIZON_YEAR) {
        add(
            v,
            "spec.horizon_year",
            needs + "later years spread wider: an earlier horizon needs less");
      }
      named = true;
    }
    if (named(f.countLaws(), total, largest)) {
      String field = overridesPrefix.isEmpty() ? "alternative" : overridesPrefix + "counts";
      add(
          v,
          field,
          needs
              + "count cells with very large or very uncertain yearly rates (yearly_rate, rate_shape)"
              + " need long count laws: lower the rates, or give them a larger rate_shape");
      named = true;
    }
    if (!named
        || named(f.countHistograms(), total, largest)
        || named(f.workspace(), total, largest)) {
      add(v, "spec.targets", needs + "select fewer targets");
    }
    return ApiException.invalidArgument(v);
  }

  private static void add(List<BadRequest.FieldViolation> v, String field, String description) {
    if (v.stream().anyMatch(x -> x.getField().equals(field))) {
      return;
    }
    v.add(
        BadRequest.FieldViolation.newBuilder().setField(field).setDescription(description).build());
  }

  private static boolean named(long part, long total, long largest) {
    return part > 0 && (part >= NAMED_SHARE * total || part == largest);
  }
}
