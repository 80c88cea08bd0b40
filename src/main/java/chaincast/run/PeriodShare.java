package chaincast.run;

import chaincast.v1.Period;

/** The share of a year's value a part-year figure covers. */
final class PeriodShare {

  private PeriodShare() {}

  /**
   * The period's {@code fraction} when given, else its share of the months, {@code (last - first +
   * 1) / 12}.
   */
  static double of(Period p) {
    if (p.getFraction() > 0) {
      return p.getFraction();
    }
    return (p.getLastMonth() - p.getFirstMonth() + 1) / 12.0;
  }
}
