package chaincast.engine;

/**
 * A project that may happen once per path, in some year of {@code [firstYear, lastYear]}, each year
 * with {@code yearlyProbability} given it has not happened yet. When it happens the cell's log
 * output steps by a draw from {@code N(jumpLogMean, jumpLogSd²)}, for that year and all later ones.
 * Years of the window at or before the cell's base year (whose value is known) or after the horizon
 * are not simulated.
 *
 * @param yearlyProbability in [0, 1]
 * @param jumpLogSd &gt;= 0
 */
public record EventSpec(
    String id,
    int firstYear,
    int lastYear,
    double yearlyProbability,
    double jumpLogMean,
    double jumpLogSd) {}
