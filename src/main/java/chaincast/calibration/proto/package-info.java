/**
 * The bridge from the protobuf world to the pure estimator: the seeded model's cells become {@link
 * chaincast.calibration.CellPrior}s and a dataset's {@code ActualPoint}s become full-year series
 * per cell, with the points the estimator does not use (group totals, part-year figures, counts)
 * listed as skipped.
 */
package chaincast.calibration.proto;
