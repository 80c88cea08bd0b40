package chaincast.chart;

/**
 * A target to mark on a fan: its value in its year, and its odds when known.
 *
 * @param year calendar year the target is set for
 * @param value the target value, in the fan's unit
 * @param nameZh Chinese name, for bilingual labels
 * @param nameEn English name
 * @param pHit estimated P(hit), or NaN when not simulated in this run
 */
public record TargetMark(int year, double value, String nameZh, String nameEn, double pHit) {}
