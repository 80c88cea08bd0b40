package chaincast.calibration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/** Yearly log growth rates ln(v_t / v_{t−1}) of the consecutive years a series has. */
final class GrowthRates {
  private GrowthRates() {}

  /** The growth rates of {@code series} (year → value &gt; 0), in year order. */
  static double[] of(NavigableMap<Integer, Double> series) {
    List<Double> out = new ArrayList<>();
    Map.Entry<Integer, Double> previous = null;
    for (Map.Entry<Integer, Double> e : series.entrySet()) {
      if (previous != null && e.getKey() == previous.getKey() + 1) {
        // A difference of logs: the ratio of a tiny and a large value under- or overflows.
        out.add(Math.log(e.getValue()) - Math.log(previous.getValue()));
      }
      previous = e;
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  static double mean(double[] g) {
    double s = 0;
    for (double x : g) {
      s += x;
    }
    return s / g.length;
  }
}
