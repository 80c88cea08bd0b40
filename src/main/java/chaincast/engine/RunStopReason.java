package chaincast.engine;

/**
 * Why a run stopped (the engine's; the API's {@code chaincast.v1.StopReason} is mapped from it).
 */
public enum RunStopReason {
  /** The requested number of paths was run. */
  PATHS_DONE,
  /** Every probability reached the wanted half-width. */
  PRECISION_REACHED,
  /** The path cap was hit first. */
  PATH_CAP
}
