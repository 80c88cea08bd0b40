/**
 * Calibration from statistical series: the drift and volatility of each cell estimated from the log
 * growth rates of an imported dataset ({@link chaincast.calibration.DriftVolatilityEstimator}), and
 * a rolling-origin backtest that scores the model's forecasts and two naive baselines against
 * held-back years ({@link chaincast.calibration.Backtest}).
 *
 * <p>Pure statistics: plain records in, plain records out, no gRPC or protobuf. The adapter that
 * turns a {@code chaincast.v1.Dataset} and the seeded model into these records lives in {@code
 * chaincast.calibration.proto}.
 */
package chaincast.calibration;
