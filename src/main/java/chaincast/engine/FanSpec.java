package chaincast.engine;

/**
 * Percentiles of a group's value in every year from the projection's first year to its horizon.
 *
 * @param group index into {@link Projection#groups()}
 */
public record FanSpec(String id, int group) {}
