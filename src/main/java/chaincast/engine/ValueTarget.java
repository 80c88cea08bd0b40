package chaincast.engine;

/**
 * Hit when the group's value in {@code year} is {@code >= threshold}, or {@code > threshold} when
 * {@code strict}.
 *
 * @param group index into {@link Projection#groups()}
 */
public record ValueTarget(String id, int group, int year, double threshold, boolean strict)
    implements TargetSpec {}
