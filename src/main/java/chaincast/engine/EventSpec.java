package chaincast.engine;

/**
 * A project that may happen once per path, in some year of
 * {@code [firstYear, lastYear]}, each year with {@code yearlyProbability} given
 * it has not happened yet. When it happens the cell's log output steps by a
 * draw from {@code N(jumpLogMean, jumpLogSd²)}, for that year and all later ones.
 */
public record EventSpec(
    String id,
    int firstYear,
    int lastYear,
    double yearlyProbability,
    double jumpLogMean,
    double jumpLogSd) {}
