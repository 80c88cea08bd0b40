package chaincast.engine;

import java.util.Arrays;

/**
 * How far each pilot path of importance sampling got towards one target: a {@link PathSink} that
 * records, per path, a score {@code s} (the target is hit exactly when {@code s >= 0}), the path's
 * log weight and its normals on the tilted draws. The cross-entropy method ({@link ImportanceRun})
 * raises a level on these scores until it reaches the target.
 *
 * <p>The score is continuous wherever it can be, so that a level between the paths and the target
 * means something: for a value target {@code ln(value / threshold)}; for a chains-above target the
 * k-th largest {@code ln(value / level)} of its groups, k being the groups it needs ({@code
 * minCount}, one more when strict), which is at least 0 exactly when k groups reach the level; for
 * a count target the count less the smallest count that hits. Reversed ({@link #reverse}), the
 * score is at least 0 exactly when the target is missed, for targets almost always hit.
 *
 * <p>The model must hold the target as its target 0 (see {@link ImportanceRun}). Not thread-safe.
 */
final class TargetScore implements PathSink {

  private final TargetTable targets;
  private final int yearCount;
  private final PathSimulator simulator;
  private final int[] draws;
  private final boolean integer;
  private final boolean strict;

  /** Per pilot path: its score, its log weight and its normals on {@link #draws}. */
  final double[] score;

  final double[] logWeight;
  final double[][] normals;

  /** Whether the score is reversed, to chase misses. */
  private boolean complement;

  private int path;
  private double scoreNow;
  private double logWeightNow;

  /**
   * Scores of up to {@code capacity} paths of {@code simulator} (which simulates {@code model}),
   * with their normals on {@code draws}.
   */
  TargetScore(CompiledModel model, PathSimulator simulator, int[] draws, int capacity) {
    this.targets = model.targets;
    this.yearCount = model.yearCount;
    this.simulator = simulator;
    this.draws = draws.clone();
    this.integer = targets.countCells[0] != null;
    this.strict = targets.strict[0];
    this.score = new double[capacity];
    this.logWeight = new double[capacity];
    this.normals = new double[capacity][draws.length];
  }

  /** Whether the scores are reversed ({@link #reverse}). */
  boolean complement() {
    return complement;
  }

  /**
   * Reverses the scores, those kept and those to come: from now on a score is at least 0 exactly
   * when the target is missed.
   */
  void reverse() {
    for (int i = 0; i < path; i++) {
      score[i] = reversed(score[i]);
    }
    complement = !complement;
  }

  /** Missed exactly when {@code s < 0}; for integer scores, when {@code s <= -1}. */
  private double reversed(double s) {
    return integer ? -s - 1 : -s;
  }

  /** Starts over: the next path is path 0. */
  void reset() {
    path = 0;
  }

  /** Paths scored since the last {@link #reset}. */
  int paths() {
    return path;
  }

  /** The self-normalised share of the scored paths that hit the (possibly reversed) target. */
  double hitShare() {
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < path; i++) {
      max = Math.max(max, logWeight[i]);
    }
    double hit = 0.0;
    double all = 0.0;
    for (int i = 0; i < path; i++) {
      double w = Math.exp(logWeight[i] - max);
      all += w;
      hit += score[i] >= 0 ? w : 0.0;
    }
    return all > 0 ? hit / all : Double.NaN;
  }

  @Override
  public void onCounts(int[] counts) {
    if (!integer) {
      return;
    }
    int y = targets.yearIndex[0];
    long sum = 0;
    for (int k : targets.countCells[0]) {
      sum += counts[k * yearCount + y];
    }
    double t = targets.threshold[0];
    double needed = strict ? Math.floor(t) + 1 : Math.ceil(t);
    scoreNow = sum - needed;
  }

  @Override
  public void onYear(int yearIndex, double[] cellValues, double[] groupValues) {
    if (integer || yearIndex != targets.yearIndex[0]) {
      return;
    }
    if (targets.isValue[0]) {
      scoreNow = Math.log(groupValues[targets.group[0]] / targets.threshold[0]);
      return;
    }
    int[] groups = targets.countedGroups[0];
    int needed = targets.minCount[0] + (strict ? 1 : 0);
    if (needed <= 0) {
      scoreNow = Double.POSITIVE_INFINITY;
      return;
    }
    if (needed > groups.length) {
      scoreNow = Double.NEGATIVE_INFINITY;
      return;
    }
    double[] ratios = new double[groups.length];
    for (int i = 0; i < groups.length; i++) {
      ratios[i] = Math.log(groupValues[groups[i]] / targets.level[0]);
    }
    Arrays.sort(ratios);
    scoreNow = ratios[groups.length - needed];
  }

  @Override
  public void onWeight(double w) {
    logWeightNow = w;
  }

  @Override
  public void onPathEnd() {
    score[path] = complement ? reversed(scoreNow) : scoreNow;
    logWeight[path] = logWeightNow;
    double[] z = simulator.normals();
    double[] kept = normals[path];
    for (int i = 0; i < draws.length; i++) {
      kept[i] = z[draws[i]];
    }
    path++;
    logWeightNow = 0.0;
  }
}
