package chaincast.engine;

/** A target whose hit probability the engine estimates. */
public sealed interface TargetSpec permits ValueTarget, ChainsAboveTarget, CountTarget {

  /** Target id, for messages. */
  String id();

  /** Calendar year in which the target is evaluated. */
  int year();
}
