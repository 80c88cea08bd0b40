package chaincast.engine;

/** Why a run stopped. */
public enum StopReason {
  /** The requested number of paths was run. */
  PATHS_DONE,
  /** Every probability reached the wanted half-width. */
  PRECISION_REACHED,
  /** The path cap was hit first. */
  PATH_CAP
}
