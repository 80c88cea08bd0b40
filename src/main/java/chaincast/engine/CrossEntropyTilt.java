package chaincast.engine;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Optional;

/**
 * Finds the shift of the normals that importance sampling uses for one rare target: the multi-level
 * cross-entropy method (Rubinstein and Kroese), on pilot paths simulated on the calling thread.
 *
 * <p>Level 0 is plain Monte Carlo. At each level the pilot paths' scores ({@link TargetScore}) give
 * a level γ, the score reached by the top {@link #RHO} of them (or the target itself, once that
 * many reach it); the next shift is the mean of the elite paths' normals (score at least γ) on the
 * tilted draws, each path weighted by its likelihood ratio and its evidence weight, so that the
 * shift estimates the mean of the normals given the level under the model's own law. Once the level
 * reaches the target the elite are the hits, and the shift estimates the mean of the normals given
 * a hit: the Gaussian shift closest (in cross-entropy) to the zero-variance law. One more level at
 * the target, sampled with that shift, refines it (its hits are many more). A level that does not
 * rise on two levels running ends the search without a shift.
 *
 * <p>Which draws are tilted: the city factors and the chain factors of the chains whose cells the
 * target reads, the base priors of those cells and the priors of the count cells it counts, and
 * with {@link ImportanceRun.Scope#COMMON_AND_OWN} those cells' own shocks (drift and yearly). Draws
 * the target does not read would only add noise to the shift.
 *
 * <p>Deterministic: level {@code l}'s pilot paths are block 0 of a run seeded by a mix of the run's
 * seed and {@code l}, distinct from the run's own streams.
 */
final class CrossEntropyTilt {

  /** Targets rarer than this (or more certain than 1 minus this) are worth tilting. */
  static final double RARE = 0.01;

  /** Share of the pilot paths that make a level's elite. */
  static final double RHO = 0.10;

  /** Pilot paths per level, in whole blocks. */
  static final int PILOT_BLOCKS = 1;

  /** Most levels before giving up. */
  static final int MAX_LEVELS = 12;

  /** Levels at the target after the first one that reaches it. */
  static final int REFINEMENTS = 1;

  private static final long PILOT_SALT = 0x6a09e667f3bcc909L;

  /**
   * What the search found.
   *
   * @param theta the shift per draw ({@link DrawLayout} order)
   * @param levels pilot levels simulated
   * @param complement whether the target is almost always hit, so misses were chased
   * @param reached whether a level reached the target (otherwise {@code theta} is no use)
   * @param rareShare the last level's weighted estimate of the rare side's probability
   */
  record Found(double[] theta, int levels, boolean complement, boolean reached, double rareShare) {}

  private CrossEntropyTilt() {}

  /**
   * Searches a shift for target 0 of {@code model}, or returns empty when the target reads no draw
   * or is not rare: plain Monte Carlo's pilot estimate is more than two of its standard errors
   * inside [{@link #RARE}, 1 - RARE].
   *
   * @throws RunCancelledException if {@code cancel} fires between levels
   */
  static Optional<Found> search(
      CompiledModel model, long seed, ImportanceRun.Scope scope, CancellationSignal cancel) {
    int[] draws = tiltedDraws(model, scope);
    if (draws.length == 0) {
      return Optional.empty();
    }
    DrawLayout layout = model.layout;
    PathSimulator simulator = new PathSimulator(model);
    int pilot = PILOT_BLOCKS * MonteCarloEngine.BLOCK_SIZE;
    TargetScore scores = new TargetScore(model, simulator, draws, pilot);
    double[] theta = new double[layout.count];
    double previous = Double.NEGATIVE_INFINITY;
    int stalled = 0;
    int atTarget = 0;
    for (int level = 0; level < MAX_LEVELS; level++) {
      if (cancel.isCancelled()) {
        throw new RunCancelledException(0);
      }
      simulate(simulator, scores, theta, seed, level);
      if (level == 0) {
        double share = scores.hitShare();
        // two standard errors of the pilot's share: a target at 1% is tilted, one at 2% is not
        double margin = 2 * Math.sqrt(share * (1 - share) / scores.paths());
        if (share - margin >= RARE && share + margin <= 1 - RARE) {
          return Optional.empty();
        }
        if (share > 0.5) {
          scores.reverse();
        }
      }
      double gamma = Math.min(0.0, eliteLevel(scores.score, scores.paths()));
      double[] mean = eliteMean(scores, gamma);
      if (mean == null) {
        return Optional.of(new Found(theta, level + 1, scores.complement(), false, Double.NaN));
      }
      theta = new double[layout.count];
      for (int i = 0; i < draws.length; i++) {
        theta[draws[i]] = mean[i];
      }
      if (gamma >= 0.0) {
        if (atTarget++ == REFINEMENTS) {
          return Optional.of(
              new Found(theta, level + 1, scores.complement(), true, scores.hitShare()));
        }
      } else if (gamma <= previous && ++stalled >= 2) {
        return Optional.of(new Found(theta, level + 1, scores.complement(), false, Double.NaN));
      }
      previous = Math.max(previous, gamma);
    }
    return Optional.of(new Found(theta, MAX_LEVELS, scores.complement(), false, Double.NaN));
  }

  /** Simulates one level's pilot paths with shift {@code theta} into {@code scores}. */
  private static void simulate(
      PathSimulator simulator, TargetScore scores, double[] theta, long seed, int level) {
    scores.reset();
    long pilotSeed = BlockStreams.mix64(seed ^ PILOT_SALT) + level;
    TiltedNormals source = new TiltedNormals(theta, ImportanceRun.DEFENSIVE);
    for (int b = 0; b < PILOT_BLOCKS; b++) {
      simulator.simulateBlock(source, pilotSeed, b, MonteCarloEngine.BLOCK_SIZE, scores);
    }
  }

  /** The score that the top {@link #RHO} of the paths reach. */
  private static double eliteLevel(double[] score, int paths) {
    double[] sorted = Arrays.copyOf(score, paths);
    Arrays.sort(sorted);
    return sorted[(int) Math.floor((1 - RHO) * paths)];
  }

  /**
   * The weighted mean of the normals of the paths scoring at least {@code gamma}, per tilted draw;
   * null if their weights vanish.
   */
  private static double[] eliteMean(TargetScore scores, double gamma) {
    int paths = scores.paths();
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < paths; i++) {
      if (scores.score[i] >= gamma) {
        max = Math.max(max, scores.logWeight[i]);
      }
    }
    if (!Double.isFinite(max)) {
      return null;
    }
    double[] mean = new double[scores.normals[0].length];
    double total = 0.0;
    for (int i = 0; i < paths; i++) {
      if (scores.score[i] >= gamma) {
        double w = Math.exp(scores.logWeight[i] - max);
        total += w;
        double[] z = scores.normals[i];
        for (int k = 0; k < mean.length; k++) {
          mean[k] += w * z[k];
        }
      }
    }
    for (int k = 0; k < mean.length; k++) {
      mean[k] /= total;
    }
    return mean;
  }

  /** The draws that move what target 0 reads (see the class comment), in layout order. */
  static int[] tiltedDraws(CompiledModel model, ImportanceRun.Scope scope) {
    TargetTable targets = model.targets;
    GroupTable groups = model.groups;
    BitSet cells = new BitSet();
    for (int g : targets.groupsRead(0)) {
      for (int k = groups.start[g]; k < groups.start[g + 1]; k++) {
        cells.set(groups.cells[k]);
      }
    }
    BitSet chains = new BitSet();
    int[] slot = model.cells.factorSlot;
    for (int c = cells.nextSetBit(0); c >= 0; c = cells.nextSetBit(c + 1)) {
      if (slot[c] < model.cells.chainFactorCount) {
        chains.set(slot[c]);
      }
    }
    BitSet counted = new BitSet();
    if (targets.countCells[0] != null) {
      for (int k : targets.countCells[0]) {
        counted.set(k);
      }
    }
    DrawLayout layout = model.layout;
    int[] draws = new int[layout.count];
    int n = 0;
    for (int d = 0; d < layout.count; d++) {
      int item = layout.item[d];
      boolean tilted =
          switch (layout.kind[d]) {
            case CITY -> !cells.isEmpty();
            case CHAIN -> chains.get(item);
            case PRIOR -> cells.get(item);
            case COUNT_PRIOR -> counted.get(item);
            case OWN -> scope == ImportanceRun.Scope.COMMON_AND_OWN && cells.get(item);
          };
      if (tilted) {
        draws[n++] = d;
      }
    }
    return Arrays.copyOf(draws, n);
  }
}
