package chaincast.engine;

import java.util.Arrays;
import org.apache.commons.rng.sampling.distribution.AhrensDieterMarsagliaTsangGammaSampler;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;

/**
 * Simulates blocks of paths of a {@link CompiledModel}: the inner loop of the engine. One instance
 * per worker thread (it owns scratch arrays); the model is shared read-only.
 *
 * <p>A path is stepped span by span ({@link SpanPlan}): one exact Gaussian step per span between
 * the years something reads. Its normals are filled in before it starts, {@link DrawLayout}'s count
 * of them, by the run's {@link NormalSource}: for plain Monte Carlo, block {@code b} of a run with
 * seed {@code s} draws them from {@link BlockStreams#forBlock(long, long) forBlock(s, b)} through
 * the ziggurat, path after path, and draws its Student-t chi-squares (one per path-year, after the
 * path's normals) from the same stream.
 *
 * <p>Project events and counting processes draw from {@link KeyedStreams} keyed by their id and the
 * path index (an event: the uniform of its year, then the normal of its jump, always both; a count:
 * its gamma rate from one stream and one uniform per year from another), so adding, removing,
 * delaying or rescaling one of them changes no other draw; so do the priors of assumed bases (one
 * normal per cell or count cell with a prior, keyed by its id). Macro shocks and observations draw
 * nothing: an observed cell's own shock of its observed span is the draw it already made, moved to
 * its posterior (see {@link EvidenceTable}). Which years are recorded does change the spans, and so
 * the paths: a run's paths are a function of its projection, settings and seed.
 */
final class PathSimulator {

  private final CompiledModel m;
  // The model's sections, held here so that reaching an array costs one field load, as when the
  // arrays were fields of the model.
  private final CellOrder order;
  private final CellDynamics cells;
  private final EventTable events;
  private final EvidenceTable evidence;
  private final MacroShockTable macroShocks;
  private final CountCells countCells;
  private final GroupTable groups;
  private final RecordingPlan recording;

  /** Log value per cell (internal order). */
  private final double[] x;

  /**
   * The own-shock term each cell took in the last span, and its standard deviation: what an
   * observation's posterior draw replaces, and what a conditional estimate integrates out.
   */
  private final double[] ownTerm;

  private final double[] ownSd;

  /** Student-t: per cell, the sum of the yearly scales squared since its last own draw. */
  private final double[] pendingScale2;

  /** The spans the path is stepped in, and the normals it reads ({@link #z}, in layout order). */
  private final SpanPlan spans;

  private final DrawLayout layout;

  private final double[] z;

  /** Whether paths carry weights: the model's observations, or a source that tilts the draws. */
  private boolean weighted;

  /** Estimated cells: their draws' section, and this path's volatility and own-shock loading. */
  private final PosteriorTable posteriors;

  private final double[] pathVol;
  private final double[] pathOwn;

  /** Per cell: whether its recorded value before it moves is its seeded base, exactly. */
  private final boolean[] fixedBase;

  /** This path's drift per cell. */
  private final double[] mu;

  /** Common term per chain slot of the current draw (see {@link #fillCommon}). */
  private final double[] common;

  private final double[] cellValue;
  private final double[] groupValue;

  /** Per event, the year index in which it fires on this path, or -1. */
  private final int[] fireYear;

  /** Per event, its jump on this path (drawn whether or not it fires). */
  private final double[] jump;

  /** Count of count cell k at the end of year index y: {@code [k * yearCount + y]}. */
  private final int[] counts;

  /** Reads the keyed sequences of events. */
  private final KeyedStreams.Cursor keyed = new KeyedStreams.Cursor();

  /** Per count cell, the run-and-item part of its keyed sequences (set per block). */
  private final long[] countBase;

  /** The seed {@link #countBase} was computed for. */
  private long countBaseSeed;

  private boolean countBaseSet;

  PathSimulator(CompiledModel model) {
    this.m = model;
    this.order = model.order;
    this.cells = model.cells;
    this.events = model.events;
    this.evidence = model.evidence;
    this.macroShocks = model.macroShocks;
    this.countCells = model.counts;
    this.groups = model.groups;
    this.recording = model.recording;
    this.x = new double[order.count];
    this.mu = new double[order.count];
    this.ownTerm = new double[order.count];
    this.ownSd = new double[order.count];
    this.pendingScale2 = new double[order.count];
    this.spans = model.spans;
    this.layout = model.layout;
    this.z = new double[Math.max(1, layout.count)];
    this.fixedBase = new boolean[order.count];
    this.posteriors = model.posteriors;
    this.pathVol = cells.volatility.clone();
    this.pathOwn = cells.shockOwn.clone();
    for (int c = 0; c < order.count; c++) {
      fixedBase[c] = evidence.fixedBase(c, cells.logBase);
    }
    this.common = new double[cells.chainFactorCount + 1];
    this.cellValue = new double[order.count];
    this.groupValue = new double[groups.count];
    this.fireYear = new int[events.count];
    this.jump = new double[events.count];
    this.counts = new int[countCells.count * model.yearCount];
    this.countBase = new long[countCells.count];
  }

  /**
   * The normals of the path being simulated (or last simulated), in {@link DrawLayout} order: for a
   * {@link PathSink} that studies which draws lead to a hit (importance sampling's pilot runs).
   * Read-only, and valid only until the next path starts.
   */
  double[] normals() {
    return z;
  }

  /** Simulates the first {@code paths} paths of block {@code block} (at most a full block). */
  void simulateBlock(long seed, long block, int paths, PathSink sink) {
    simulateBlock(NormalSource.PSEUDO_RANDOM, seed, block, paths, sink);
  }

  /**
   * Simulates the first {@code paths} paths of block {@code block}, their layout's normals taken
   * from {@code source}.
   */
  void simulateBlock(NormalSource source, long seed, long block, int paths, PathSink sink) {
    NormalSource.Block draws = source.forBlock(seed, block);
    weighted = evidence.weighted || source.weighted();
    // chi-square(nu) = Gamma(nu / 2, scale 2), from the block's auxiliary uniforms
    ContinuousSampler chiSquare =
        cells.studentT
            ? AhrensDieterMarsagliaTsangGammaSampler.of(
                draws.auxiliary(), cells.degreesOfFreedom / 2.0, 2.0)
            : null;
    long firstPath = block * MonteCarloEngine.BLOCK_SIZE;
    sink.onLogState(x, ownTerm, ownSd);
    if (!countBaseSet || countBaseSeed != seed) {
      for (int k = 0; k < countBase.length; k++) {
        countBase[k] = KeyedStreams.itemBase(seed, countCells.key[k]);
      }
      countBaseSeed = seed;
      countBaseSet = true;
    }
    for (int p = 0; p < paths; p++) {
      draws.fill(z, layout.countPriorStart, layout.count);
      simulatePath(chiSquare, seed, firstPath + p, draws.logRatio(), sink);
    }
  }

  /**
   * Simulates one path from the normals in {@link #z}. This is the engine's hot loop, the one
   * method of the engine allowed over 80 lines: its body runs once per path and its inner loop once
   * per cell and span, so it is kept in one piece, reading flat arrays through locals, with no call
   * in the inner loop. The order in which it reads {@link #z} is {@link DrawLayout}'s.
   */
  @SuppressWarnings("checkstyle:MethodLength") // the hot loop, documented above
  private void simulatePath(
      ContinuousSampler chiSquare, long seed, long path, double logRatio, PathSink sink) {
    // Plain arrays in locals: no objects, no boxing, and the JIT keeps the
    // bounds-checked loads in registers.
    final CellDynamics dyn = this.cells;
    final EventTable events = this.events;
    final CellOrder order = this.order;
    final EvidenceTable evidence = this.evidence;
    final double[] ownTerm = this.ownTerm;
    final double[] ownSd = this.ownSd;
    final MacroShockTable shocks = this.macroShocks;
    final RecordingPlan recording = this.recording;
    final SpanPlan spans = this.spans;
    final double[] x = this.x;
    final double[] z = this.z;
    final double[] common = this.common;
    final int[] slot = dyn.factorSlot;
    final boolean[] drawsOwn = layout.drawsOwn;
    final int n = order.count;
    int d = 0; // the next normal of this path

    // Work in log space: a step is one multiply-add, and exp is paid only in
    // the years something is recorded, for the cells recorded then.
    System.arraycopy(evidence.startLog, 0, x, 0, n);
    if (evidence.priorCells.length > 0) {
      drawBasePriors();
    }
    if (events.count > 0) {
      drawEvents(seed, path);
    }
    if (countCells.count > 0) {
      drawCounts(path);
      sink.onCounts(counts);
    }

    // Common factors are folded per draw into one term per chain slot,
    // common[k] = sqrt(wc) Zcity + sqrt(wh) Zchain[k] (slot K: the city term
    // alone, for single-cell chains), so a cell's step costs one load and one
    // multiply-add for them whatever the weights.
    final double cityLoading = dyn.cityLoading;
    final double chainLoading = dyn.chainLoading;
    final int chains = dyn.chainFactorCount;
    final double[] mu;
    if (dyn.drawDrift) {
      mu = this.mu;
      double city = dyn.drawDriftCity ? cityLoading * z[d++] : 0.0;
      d = fillCommon(common, city, chains, dyn.drawDriftChain ? chainLoading : 0.0, z, d);
      final double[] sd = dyn.driftSd;
      final double[] dOwn = dyn.driftOwn;
      final double[] mean = dyn.driftMean;
      final boolean[] drawsDriftOwn = layout.drawsDriftOwn;
      for (int c = 0; c < n; c++) {
        double m = mean[c] + sd[c] * common[slot[c]];
        if (drawsDriftOwn[c]) { // cells with no drift uncertainty draw nothing
          m += dOwn[c] * z[d++];
        }
        mu[c] = m;
      }
    } else if (posteriors.cells.length > 0) {
      mu = this.mu;
      System.arraycopy(dyn.driftMean, 0, mu, 0, n);
    } else {
      mu = dyn.driftMean; // no drift uncertainty anywhere: no draws, no copy
    }
    final double[] vol;
    final double[] sOwn;
    if (posteriors.cells.length > 0) {
      drawPosteriors(seed, path, mu);
      vol = pathVol;
      sOwn = pathOwn;
    } else {
      vol = dyn.volatility;
      sOwn = dyn.shockOwn;
    }

    if (sink.wantsDrift()) {
      sink.onDrift(mu);
    }
    if (recording.recorded[0]) {
      record(0, sink);
    }
    final double nuMinus2 = dyn.degreesOfFreedom - 2.0;
    double logWeight = logRatio;
    final boolean studentT = chiSquare != null;
    if (studentT) {
      Arrays.fill(pendingScale2, 0.0);
    }
    for (int k = 0; k < spans.count; k++) {
      final int from = spans.from[k];
      final int to = spans.to[k];
      final int active = spans.active[k]; // cells are sorted by base year: a prefix moves
      final double years = to - from;
      if (active > 0) {
        // Student-t: one chi-square per path-year scales every shock of that year,
        // a multivariate t with unit variance (fat tails hit all cells at once).
        double scale2 = years; // the sum of the yearly scales squared (1 each for normal shocks)
        if (studentT) {
          scale2 = 0.0;
          for (int y = from + 1; y <= to; y++) {
            scale2 += nuMinus2 / chiSquare.sample();
          }
        }
        final double scale = Math.sqrt(scale2);
        double city = dyn.drawCity ? scale * cityLoading * z[d++] : 0.0;
        d = fillCommon(common, city, chains, dyn.drawChain ? scale * chainLoading : 0.0, z, d);
        for (int c = 0; c < active; c++) {
          x[c] += years * mu[c] + vol[c] * common[slot[c]];
        }
        if (studentT) {
          for (int c = 0; c < active; c++) {
            pendingScale2[c] += scale2;
          }
        }
        // Own shocks only for the cells read now, all years since their last read in one draw.
        final int[] owners = spans.ownDraws[k];
        final double[] ownScale = spans.ownScale[k];
        for (int j = 0; j < owners.length; j++) {
          final int c = owners[j];
          double ownStep = 0.0;
          double sd = 0.0;
          if (drawsOwn[c]) { // zero-volatility cells (or all-common weights) draw nothing
            sd = sOwn[c] * (studentT ? Math.sqrt(pendingScale2[c]) : ownScale[j]);
            ownStep = sd * z[d++];
          }
          pendingScale2[c] = 0.0;
          ownTerm[c] = ownStep; // what the evidence, or a conditional estimate, moves
          ownSd[c] = sd;
          x[c] += ownStep;
        }
      }
      for (int y = from + 1; y <= to; y++) {
        if (events.count > 0) {
          applyEvents(y);
        }
        int[] shifted = shocks.cellsByYear[y];
        if (shifted.length > 0) {
          double[] by = shocks.logFactorByYear[y];
          for (int j = 0; j < shifted.length; j++) {
            x[shifted[j]] += by[j];
          }
        }
      }
      // Evidence last: the span's observations see everything the path did in it.
      if (evidence.any[to]) {
        logWeight += weigh(to);
      }
      if (recording.recorded[to]) {
        record(to, sink);
      }
    }
    if (weighted) {
      sink.onWeight(logWeight);
    }
    sink.onPathEnd();
  }

  /**
   * Conditions the path on the observations of year index {@code y} and returns the log of the
   * weight they give it. A cell observed alone: with {@code m} its log value before its own shock,
   * {@code s²} that shock's variance this year and {@code t²} the error's, the shock is replaced by
   * a draw from its posterior, {@code x = m + k (o - m) + sqrt(1 - k) * shock} with {@code k = s² /
   * (s² + t²)}, and the path's weight is the predictive density of {@code o}, {@code N(o; m, s² +
   * t²)}, scaled by {@code t} so that it is at most 1. A sum of cells: the weight is {@code N(o; ln
   * total, t²)}, also at most 1.
   */
  private double weigh(int y) {
    final EvidenceTable ev = this.evidence;
    final double[] x = this.x;
    double logWeight = 0.0;
    int[] direct = ev.directCells[y];
    for (int k = 0; k < direct.length; k++) {
      int c = direct[k];
      double own = ownSd[c];
      double shockVar = own * own;
      double errorVar = ev.directVar[y][k];
      double total = shockVar + errorVar;
      double m = x[c] - ownTerm[c];
      double r = ev.directLog[y][k] - m;
      double gain = shockVar / total;
      x[c] = m + gain * r + Math.sqrt(1.0 - gain) * ownTerm[c];
      // What is left of the own term, for a conditional estimate read later this year.
      ownTerm[c] = x[c] - (m + gain * r);
      ownSd[c] = own * Math.sqrt(1.0 - gain);
      logWeight -= 0.5 * (r * r / total + Math.log(total / errorVar));
    }
    int[][] groups = ev.groupCells[y];
    for (int k = 0; k < groups.length; k++) {
      double sum = 0.0;
      for (int c : groups[k]) {
        sum += Math.exp(x[c]);
      }
      double r = ev.groupLog[y][k] - Math.log(sum);
      logWeight -= 0.5 * r * r / ev.groupVar[y][k];
    }
    return logWeight;
  }

  /**
   * Draws every estimated cell's drift and volatility for this path from its posterior (see {@link
   * PosteriorTable}) into {@code mu}, {@link #pathVol} and {@link #pathOwn}.
   */
  private void drawPosteriors(long seed, long path, double[] mu) {
    final PosteriorTable t = this.posteriors;
    for (int k = 0; k < t.cells.length; k++) {
      int c = t.cells[k];
      ParameterPosterior p = t.posterior[k];
      KeyedStreams.Cursor r = keyed.reset(KeyedStreams.start(seed, t.key[k], path, 0));
      double variance = p.scale() / ParameterPosterior.gamma(p.shape(), r);
      double sigma = Math.sqrt(variance);
      mu[c] = p.driftMean() + Math.sqrt(variance / p.kappa()) * r.nextGaussian();
      pathVol[c] = sigma;
      pathOwn[c] = sigma * t.ownLoading[k];
    }
  }

  /** Moves the log base of every cell with a prior by its prior's draw. */
  private void drawBasePriors() {
    final EvidenceTable ev = this.evidence;
    final double[] z = this.z;
    final int start = layout.priorStart;
    for (int c : ev.priorCells) {
      x[c] += ev.baseSd[c] * z[start + c];
    }
  }

  /**
   * Sets {@code common[k] = city + chainScale * Z_k} for the {@code chains} shared chains (reading
   * Z_k from {@code z} at {@code d} only when chainScale is not 0) and {@code common[chains] =
   * city}; returns the index of the next unread normal.
   */
  private static int fillCommon(
      double[] common, double city, int chains, double chainScale, double[] z, int d) {
    if (chainScale != 0.0) {
      for (int k = 0; k < chains; k++) {
        common[k] = city + chainScale * z[d++];
      }
    } else {
      for (int k = 0; k < chains; k++) {
        common[k] = city;
      }
    }
    common[chains] = city;
    return d;
  }

  /**
   * Draws, for each event, the year it fires on this path and its jump, from the event's keyed
   * stream: one uniform by the inverse of its geometric law (first k with u &lt; 1 - (1 -
   * p)^(k+1)), the same law as a coin per open year until it fires, so at most once per path; then
   * the jump's normal, drawn even when it does not fire so that a delayed event keeps its draws.
   */
  private void drawEvents(long seed, long path) {
    final EventTable events = this.events;
    for (int e = 0; e < events.count; e++) {
      KeyedStreams.Cursor er = keyed.reset(KeyedStreams.start(seed, events.key[e], path, 0));
      double u = er.nextDouble();
      double z = er.nextGaussian();
      double[] firedBy = events.firedBy[e];
      int year = -1;
      for (int k = 0; k < firedBy.length; k++) {
        if (u < firedBy[k]) {
          year = events.first[e] + k;
          break;
        }
      }
      fireYear[e] = year;
      jump[e] = events.jumpMean[e] + events.jumpSd[e] * z;
    }
  }

  private void applyEvents(int y) {
    final EventTable events = this.events;
    for (int e : events.byYear[y]) {
      if (fireYear[e] == y) {
        x[events.cell[e]] += jump[e]; // in log space the step persists in later years
      }
    }
  }

  /**
   * Draws every count cell's counts in the years some target reads them: for the first such year
   * the arrivals since the base year by inverting its precomputed law at one keyed uniform (the
   * uniform of that calendar year), for later ones the conditional law of the next span at the
   * uniform of its end year. A cell no target counts draws nothing (keyed draws make skipping it
   * harmless to the others). Only the years some count target reads are filled in (and the base).
   */
  private void drawCounts(long path) {
    final CountCells t = this.countCells;
    final int years = m.yearCount;
    final int firstYear = m.firstYear;
    for (int k : t.drawn) {
      int base = t.baseIndex[k];
      int offset = k * years;
      int[] need = t.years[k];
      int baseCount = t.base[k];
      if (t.baseSd[k] > 0) {
        baseCount = t.baseCount(k, z[layout.countPrior[k]]);
      }
      if (base >= 0 && base < years) {
        counts[offset + base] = baseCount;
      }
      if (need.length == 0) {
        continue;
      }
      long start = KeyedStreams.pathStart(countBase[k], path);
      int arrived = t.firstTable[k].inverse(KeyedStreams.uniform(start, firstYear + need[0]));
      counts[offset + need[0]] = baseCount + arrived;
      for (int j = 1; j < need.length; j++) {
        int before = need[j - 1] - base;
        int more =
            CountDraws.conditionalInverse(
                t.rate[k],
                t.shape[k],
                before,
                arrived,
                need[j] - need[j - 1],
                KeyedStreams.uniform(start, firstYear + need[j]));
        arrived += more;
        counts[offset + need[j]] = baseCount + arrived;
      }
    }
  }

  private void record(int y, PathSink sink) {
    final double[] v = cellValue;
    final int active = order.activeCount[y];
    for (int c : recording.cells[y]) {
      // A cell that has not moved yet holds its base value exactly
      // (exp(log(v)) may differ from v in the last bit).
      v[c] = c < active || !fixedBase[c] ? TableExp.exp(x[c]) : cells.baseValue[c];
    }
    final int[] start = groups.start;
    final int[] members = groups.cells;
    for (int g : recording.groups[y]) {
      double sum = 0.0; // left to right in the group's cell order
      for (int k = start[g]; k < start[g + 1]; k++) {
        sum += v[members[k]];
      }
      groupValue[g] = sum;
    }
    sink.onYear(y, v, groupValue);
  }
}
