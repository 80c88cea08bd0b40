package chaincast.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A validated {@link Projection} flattened into arrays for the inner loop.
 *
 * <p>Years are indexed from 0 (the projection's first year) to
 * {@code yearCount - 1} (the horizon). Cells are reordered by base year
 * (stable), so the cells that move in year index {@code y} are exactly the
 * prefix {@code [0, activeCount[y])}: the inner loop needs no per-cell
 * "has it started?" test. Groups keep their projection indices but refer to
 * the internal cell order.
 */
final class CompiledModel {

  /** Longest span, first year to horizon, that a projection may cover. */
  static final int MAX_YEARS = 200;

  /** Slack allowed when checking {@code cityWeight + chainWeight <= 1}. */
  private static final double WEIGHT_SLACK = 1e-12;

  final Projection projection;
  final int firstYear;
  final int horizonYear;
  final int yearCount;

  // ---- cells, internal order ----
  final int cellCount;
  /** internal index -> projection index. */
  final int[] projectionIndex;
  /** Number of cells whose base year index is below y: the cells stepped in year y. */
  final int[] activeCount;
  final double[] baseValue;
  final double[] logBase;
  final double[] driftMean;
  /** Per-path drift sd; and its loading on the cell's own factor (driftSd * own weight). */
  final double[] driftSd;
  final double[] driftOwn;
  /** Yearly shock sd; and its loading on the cell's own factor (volatility * own weight). */
  final double[] volatility;
  final double[] shockOwn;
  /** sqrt(cityWeight) and sqrt(chainWeight): loadings of the common factors. */
  final double cityLoading;
  final double chainLoading;
  /**
   * Slot of the cell's chain in the per-draw array of common terms
   * {@code cityLoading * Zcity + chainLoading * Zchain[k]}; cells of single-cell
   * chains share slot {@link #chainFactorCount}, which holds the city term only.
   */
  final int[] factorSlot;
  /** Number of chains with two or more cells: the only chain factors drawn. */
  final int chainFactorCount;
  final boolean drawDrift;
  final boolean drawDriftCity;
  final boolean drawDriftChain;
  final boolean drawCity;
  final boolean drawChain;
  final boolean studentT;
  final double degreesOfFreedom;

  // ---- observations and level shifts ----
  /** Per cell (internal order): year index of its observation, or -1. */
  final int[] pinYear;
  /** Per cell: ln of its observed value (when observed). */
  final double[] logPin;
  /** Per cell: its observed value (when observed), recorded exactly in the observed year. */
  final double[] pinValue;
  /** Cells observed in year index y. */
  final int[][] pinsByYear;
  /** Level shifts in year index y: cells (internal) and log factors, pairwise. */
  final int[][] shiftCells;
  final double[][] shiftLog;

  // ---- count cells ----
  final int countCellCount;
  /** Per count cell: the key of its random streams. */
  final long[] countKey;
  /** Per count cell: year index of its base count. */
  final int[] countBaseIndex;
  final int[] countBase;
  final double[] countRate;
  final double[] countShape;
  /** Count cells some target counts: the only ones drawn. */
  final int[] countCellsDrawn;
  /** Per count cell: the year indices some count target reads it in, ascending (after its base). */
  final int[][] countYears;
  /** Per count cell: the cumulative law of its arrivals up to its first count year (see {@link CountDraws}). */
  final double[][] countFirstTable;
  /** Per count cell: the guide table of {@link #countFirstTable}. */
  final int[][] countFirstGuide;

  // ---- events, flattened ----
  final int eventCount;
  /** Per event: the key of its random stream (cell id and event id). */
  final long[] eventKey;
  final int[] eventCell;
  final int[] eventFirst;
  final int[] eventLast;
  final double[] eventProbability;
  final double[] eventJumpMean;
  final double[] eventJumpSd;
  /** Events whose window contains year index y. */
  final int[][] eventsByYear;
  /**
   * Per event, P(it has fired by the end of each window year):
   * {@code 1 - (1 - p)^(k + 1)} for the k-th year of its (clipped) window.
   */
  final double[][] eventFiredBy;

  // ---- groups ----
  final int groupCount;
  /** Cells of group g are groupCells[groupStart[g] .. groupStart[g+1]), internal indices, in projection order. */
  final int[] groupStart;
  final int[] groupCells;

  // ---- what is recorded ----
  final boolean[] recorded;
  final int[][] recordedCells;
  final int[][] recordedGroups;

  // ---- targets, fans, joints ----
  final int targetCount;
  final boolean[] isValueTarget;
  final int[] targetYearIndex;
  final int[] targetGroup;
  /** Per count target: its count cells; null for other targets. */
  final int[][] targetCountCells;
  final double[] threshold;
  final boolean[] strict;
  final int[][] countedGroups;
  final double[] level;
  final int[] minCount;
  /** Targets evaluated in year index y. */
  final int[][] targetsByYear;
  final int fanCount;
  final int[] fanGroup;
  final int jointCount;
  final int[][] jointTargets;

  // ---- value series: one histogram per distinct (group, year) that a value target or fan needs ----
  final int seriesCount;
  final int[] seriesGroup;
  /** Series recorded in year index y. */
  final int[][] seriesByYear;
  /** Per target: its series, or -1 for chains-above targets. */
  final int[] targetSeries;
  /** Per fan and year index: its series. */
  final int[][] fanSeries;

  private CompiledModel(Projection p, boolean recordEverything) {
    this.projection = p;
    List<CellSpec> cells = p.cells();
    cellCount = cells.size();
    firstYear = p.firstYear();
    horizonYear = p.horizonYear();
    yearCount = horizonYear - firstYear + 1;

    ShockSpec shocks = p.shocks();
    double wc = shocks.cityWeight();
    double wh = shocks.chainWeight();
    studentT = shocks.distribution() == ShockSpec.Distribution.STUDENT_T;
    degreesOfFreedom = shocks.degreesOfFreedom();

    Integer[] order = IntStream.range(0, cellCount).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingInt(i -> cells.get(i).baseYear()));
    projectionIndex = new int[cellCount];
    int[] internalIndex = new int[cellCount];
    for (int i = 0; i < cellCount; i++) {
      projectionIndex[i] = order[i];
      internalIndex[order[i]] = i;
    }

    int[] chainSize = new int[p.chainCount()];
    for (CellSpec c : cells) {
      chainSize[c.chainIndex()]++;
    }
    int[] chainSlot = new int[p.chainCount()];
    int slots = 0;
    for (int k = 0; k < chainSize.length; k++) {
      chainSlot[k] = chainSize[k] >= 2 ? slots++ : -1;
    }
    chainFactorCount = slots;

    activeCount = new int[yearCount];
    baseValue = new double[cellCount];
    logBase = new double[cellCount];
    driftMean = new double[cellCount];
    driftSd = new double[cellCount];
    driftOwn = new double[cellCount];
    volatility = new double[cellCount];
    shockOwn = new double[cellCount];
    factorSlot = new int[cellCount];
    int[] baseIndex = new int[cellCount];
    cityLoading = Math.sqrt(wc);
    chainLoading = Math.sqrt(wh);
    double sqrtOwnShared = Math.sqrt(Math.max(0.0, 1.0 - wc - wh));
    // A chain factor that loads on one cell only is indistinguishable from more
    // own variance: fold it in (own loading sqrt(1 - wc)) and skip its draw.
    double sqrtOwnAlone = Math.sqrt(Math.max(0.0, 1.0 - wc));
    boolean anyDriftSd = false;
    boolean anySharedChainDriftSd = false;
    boolean anyVolatility = false;
    boolean anySharedChainVolatility = false;
    for (int i = 0; i < cellCount; i++) {
      CellSpec c = cells.get(projectionIndex[i]);
      boolean shared = chainSlot[c.chainIndex()] >= 0;
      baseIndex[i] = c.baseYear() - firstYear;
      baseValue[i] = c.baseValue();
      logBase[i] = Math.log(c.baseValue());
      driftMean[i] = c.driftMean();
      factorSlot[i] = shared ? chainSlot[c.chainIndex()] : chainFactorCount;
      double own = shared ? sqrtOwnShared : sqrtOwnAlone;
      double sd = c.driftSd();
      driftSd[i] = sd;
      driftOwn[i] = sd * own;
      double vol = c.volatility();
      volatility[i] = vol;
      shockOwn[i] = vol * own;
      anyDriftSd |= sd > 0;
      anySharedChainDriftSd |= shared && sd > 0;
      anyVolatility |= vol > 0;
      anySharedChainVolatility |= shared && vol > 0;
    }
    for (int y = 0; y < yearCount; y++) {
      int n = 0;
      while (n < cellCount && baseIndex[n] < y) {
        n++;
      }
      activeCount[y] = n;
    }
    drawDrift = anyDriftSd;
    drawDriftCity = anyDriftSd && wc > 0;
    drawDriftChain = anySharedChainDriftSd && wh > 0;
    drawCity = anyVolatility && wc > 0;
    drawChain = anySharedChainVolatility && wh > 0;

    // Events: only years after the cell's base year can move it.
    List<int[]> ev = new ArrayList<>();
    List<EventSpec> evSpec = new ArrayList<>();
    for (int i = 0; i < cellCount; i++) {
      for (EventSpec e : cells.get(projectionIndex[i]).events()) {
        int first = Math.max(e.firstYear() - firstYear, baseIndex[i] + 1);
        int last = Math.min(e.lastYear() - firstYear, yearCount - 1);
        if (first <= last && e.yearlyProbability() > 0) {
          ev.add(new int[] {i, first, last});
          evSpec.add(e);
        }
      }
    }
    eventCount = ev.size();
    eventCell = new int[eventCount];
    eventFirst = new int[eventCount];
    eventLast = new int[eventCount];
    eventProbability = new double[eventCount];
    eventJumpMean = new double[eventCount];
    eventJumpSd = new double[eventCount];
    eventKey = new long[eventCount];
    for (int k = 0; k < eventCount; k++) {
      eventKey[k] =
          KeyedStreams.keyOf("event/" + cells.get(projectionIndex[ev.get(k)[0]]).id() + "/" + evSpec.get(k).id());
      eventCell[k] = ev.get(k)[0];
      eventFirst[k] = ev.get(k)[1];
      eventLast[k] = ev.get(k)[2];
      eventProbability[k] = evSpec.get(k).yearlyProbability();
      eventJumpMean[k] = evSpec.get(k).jumpLogMean();
      eventJumpSd[k] = evSpec.get(k).jumpLogSd();
    }
    eventFiredBy = new double[eventCount][];
    for (int k = 0; k < eventCount; k++) {
      int years = eventLast[k] - eventFirst[k] + 1;
      eventFiredBy[k] = new double[years];
      double notYet = 1.0;
      for (int j = 0; j < years; j++) {
        notYet *= 1.0 - eventProbability[k];
        eventFiredBy[k][j] = j == years - 1 && eventProbability[k] == 1.0 ? 1.0 : 1.0 - notYet;
      }
    }
    eventsByYear = new int[yearCount][];
    for (int y = 0; y < yearCount; y++) {
      final int year = y;
      eventsByYear[y] =
          IntStream.range(0, eventCount)
              .filter(k -> eventFirst[k] <= year && year <= eventLast[k])
              .toArray();
    }

    pinYear = new int[cellCount];
    logPin = new double[cellCount];
    pinValue = new double[cellCount];
    List<List<Integer>> pinned = new ArrayList<>();
    for (int y = 0; y < yearCount; y++) {
      pinned.add(new ArrayList<>());
    }
    for (int i = 0; i < cellCount; i++) {
      CellSpec c = cells.get(projectionIndex[i]);
      pinYear[i] = -1;
      if (c.isObserved() && c.observedYear() <= horizonYear) {
        pinYear[i] = c.observedYear() - firstYear;
        logPin[i] = Math.log(c.observedValue());
        pinValue[i] = c.observedValue();
        pinned.get(pinYear[i]).add(i);
      }
    }
    pinsByYear = new int[yearCount][];
    for (int y = 0; y < yearCount; y++) {
      pinsByYear[y] = pinned.get(y).stream().mapToInt(Integer::intValue).toArray();
    }
    List<List<double[]>> shiftsOfYear = new ArrayList<>();
    for (int y = 0; y < yearCount; y++) {
      shiftsOfYear.add(new ArrayList<>());
    }
    for (MacroShockSpec shift : p.macroShocks()) {
      int y = shift.year() - firstYear;
      if (y < 0 || y >= yearCount) {
        continue; // before every base year or after the horizon: changes nothing simulated
      }
      for (int c : shift.cells()) {
        // Only years after the cell's base year move it (its base value is known).
        if (y > baseIndex[internalIndex[c]]) {
          shiftsOfYear.get(y).add(new double[] {internalIndex[c], shift.logFactor()});
        }
      }
    }
    shiftCells = new int[yearCount][];
    shiftLog = new double[yearCount][];
    for (int y = 0; y < yearCount; y++) {
      List<double[]> list = shiftsOfYear.get(y);
      shiftCells[y] = list.stream().mapToInt(a -> (int) a[0]).toArray();
      shiftLog[y] = list.stream().mapToDouble(a -> a[1]).toArray();
    }

    List<CountCellSpec> counts = p.countCells();
    countCellCount = counts.size();
    countKey = new long[countCellCount];
    countBaseIndex = new int[countCellCount];
    countBase = new int[countCellCount];
    countRate = new double[countCellCount];
    countShape = new double[countCellCount];
    for (int k = 0; k < countCellCount; k++) {
      CountCellSpec c = counts.get(k);
      countKey[k] = KeyedStreams.keyOf("count/" + c.id());
      countBaseIndex[k] = c.baseYear() - firstYear;
      countBase[k] = c.baseCount();
      countRate[k] = c.yearlyRate();
      countShape[k] = c.rateShape();
    }

    List<GroupSpec> groups = p.groups();
    groupCount = groups.size();
    groupStart = new int[groupCount + 1];
    int total = 0;
    for (int g = 0; g < groupCount; g++) {
      groupStart[g] = total;
      total += groups.get(g).cells().length;
    }
    groupStart[groupCount] = total;
    groupCells = new int[total];
    for (int g = 0; g < groupCount; g++) {
      int[] gc = groups.get(g).cells();
      for (int k = 0; k < gc.length; k++) {
        groupCells[groupStart[g] + k] = internalIndex[gc[k]];
      }
    }

    List<TargetSpec> targets = p.targets();
    targetCount = targets.size();
    isValueTarget = new boolean[targetCount];
    targetYearIndex = new int[targetCount];
    targetGroup = new int[targetCount];
    threshold = new double[targetCount];
    strict = new boolean[targetCount];
    countedGroups = new int[targetCount][];
    targetCountCells = new int[targetCount][];
    level = new double[targetCount];
    minCount = new int[targetCount];
    BitSet[] groupsByYear = new BitSet[yearCount];
    for (int y = 0; y < yearCount; y++) {
      groupsByYear[y] = new BitSet();
    }
    List<List<Integer>> byYear = new ArrayList<>();
    for (int y = 0; y < yearCount; y++) {
      byYear.add(new ArrayList<>());
    }
    for (int t = 0; t < targetCount; t++) {
      TargetSpec spec = targets.get(t);
      int y = spec.year() - firstYear;
      targetYearIndex[t] = y;
      byYear.get(y).add(t);
      if (spec instanceof ValueTarget v) {
        isValueTarget[t] = true;
        targetGroup[t] = v.group();
        threshold[t] = v.threshold();
        strict[t] = v.strict();
        groupsByYear[y].set(v.group());
      } else if (spec instanceof CountTarget ct) {
        targetCountCells[t] = ct.countCells();
        threshold[t] = ct.threshold();
        strict[t] = ct.strict();
      } else {
        ChainsAboveTarget c = (ChainsAboveTarget) spec;
        countedGroups[t] = c.groups();
        level[t] = c.level();
        minCount[t] = c.minCount();
        strict[t] = c.strict();
        for (int g : c.groups()) {
          groupsByYear[y].set(g);
        }
      }
    }
    BitSet drawn = new BitSet();
    for (int t = 0; t < targetCount; t++) {
      if (targetCountCells[t] != null) {
        for (int k : targetCountCells[t]) {
          drawn.set(k);
        }
      }
    }
    countCellsDrawn = drawn.stream().toArray();
    countYears = new int[countCellCount][];
    countFirstTable = new double[countCellCount][];
    countFirstGuide = new int[countCellCount][];
    for (int k = 0; k < countCellCount; k++) {
      BitSet years = new BitSet();
      for (int t = 0; t < targetCount; t++) {
        if (targetCountCells[t] != null) {
          for (int c : targetCountCells[t]) {
            if (c == k && targetYearIndex[t] > countBaseIndex[k]) {
              years.set(targetYearIndex[t]);
            }
          }
        }
      }
      countYears[k] = years.stream().toArray();
      if (countYears[k].length > 0) {
        countFirstTable[k] =
            CountDraws.table(countRate[k], countShape[k], countYears[k][0] - countBaseIndex[k]);
        countFirstGuide[k] = CountDraws.guide(countFirstTable[k]);
      }
    }
    targetsByYear = new int[yearCount][];
    for (int y = 0; y < yearCount; y++) {
      targetsByYear[y] = byYear.get(y).stream().mapToInt(Integer::intValue).toArray();
    }

    fanCount = p.fans().size();
    fanGroup = p.fans().stream().mapToInt(FanSpec::group).toArray();
    for (int y = 0; y < yearCount; y++) {
      for (int g : fanGroup) {
        groupsByYear[y].set(g);
      }
    }
    jointCount = p.joints().size();
    jointTargets = p.joints().stream().map(JointSpec::targets).toArray(int[][]::new);

    // Targets and fans on the same group and year share one value series (one
    // histogram add per path instead of one per target).
    Map<Long, Integer> seriesIds = new LinkedHashMap<>();
    targetSeries = new int[targetCount];
    for (int t = 0; t < targetCount; t++) {
      targetSeries[t] =
          isValueTarget[t] ? seriesId(seriesIds, targetGroup[t], targetYearIndex[t]) : -1;
    }
    fanSeries = new int[fanCount][yearCount];
    for (int f = 0; f < fanCount; f++) {
      for (int y = 0; y < yearCount; y++) {
        fanSeries[f][y] = seriesId(seriesIds, fanGroup[f], y);
      }
    }
    seriesCount = seriesIds.size();
    seriesGroup = new int[seriesCount];
    List<List<Integer>> seriesOfYear = new ArrayList<>();
    for (int y = 0; y < yearCount; y++) {
      seriesOfYear.add(new ArrayList<>());
    }
    for (var e : seriesIds.entrySet()) {
      seriesGroup[e.getValue()] = (int) (e.getKey() >>> 32);
      seriesOfYear.get((int) (long) e.getKey()).add(e.getValue());
    }
    seriesByYear = new int[yearCount][];
    for (int y = 0; y < yearCount; y++) {
      seriesByYear[y] = seriesOfYear.get(y).stream().mapToInt(Integer::intValue).toArray();
    }

    recorded = new boolean[yearCount];
    recordedCells = new int[yearCount][];
    recordedGroups = new int[yearCount][];
    for (int y = 0; y < yearCount; y++) {
      BitSet gs = recordEverything ? bitsUpTo(groupCount) : groupsByYear[y];
      BitSet cs = new BitSet();
      if (recordEverything) {
        cs = bitsUpTo(cellCount);
      } else {
        for (int g = gs.nextSetBit(0); g >= 0; g = gs.nextSetBit(g + 1)) {
          for (int k = groupStart[g]; k < groupStart[g + 1]; k++) {
            cs.set(groupCells[k]);
          }
        }
      }
      recorded[y] = recordEverything || !gs.isEmpty() || targetsByYear[y].length > 0;
      recordedGroups[y] = gs.stream().toArray();
      recordedCells[y] = cs.stream().toArray();
    }
  }

  private static int seriesId(Map<Long, Integer> ids, int group, int yearIndex) {
    return ids.computeIfAbsent(((long) group << 32) | yearIndex, k -> ids.size());
  }

  private static BitSet bitsUpTo(int n) {
    BitSet b = new BitSet();
    b.set(0, n);
    return b;
  }

  /**
   * Validates {@code p} and compiles it.
   *
   * @param recordEverything record every cell and group in every year (the
   *     {@link PathSampler}); otherwise only what targets and fans need
   * @throws IllegalArgumentException naming the first inconsistency found
   */
  static CompiledModel compile(Projection p, boolean recordEverything) {
    validate(p);
    return new CompiledModel(p, recordEverything);
  }

  /** Cell-steps per path: the sum over cells of the years simulated after the base year. */
  long cellStepsPerPath() {
    long s = 0;
    for (int y = 1; y < yearCount; y++) {
      s += activeCount[y];
    }
    return s;
  }

  // ------------------------------------------------------------------ validation

  private static void validate(Projection p) {
    if (p == null) {
      throw new IllegalArgumentException("projection is null");
    }
    List<CellSpec> cells = p.cells();
    if (cells.isEmpty()) {
      throw new IllegalArgumentException("projection has no cells");
    }
    if (p.chainCount() < 1) {
      throw new IllegalArgumentException("chainCount must be >= 1, got " + p.chainCount());
    }
    validateShocks(p.shocks());
    int horizon = p.horizonYear();
    for (int i = 0; i < cells.size(); i++) {
      validateCell(cells.get(i), i, p.chainCount(), horizon);
    }
    int first = p.firstYear();
    if (horizon - first + 1 > MAX_YEARS) {
      throw new IllegalArgumentException(
          "projection spans " + first + ".." + horizon + ": at most " + MAX_YEARS + " years");
    }
    List<GroupSpec> groups = p.groups();
    for (int g = 0; g < groups.size(); g++) {
      validateGroup(groups.get(g), g, cells.size());
    }
    for (int k = 0; k < p.countCells().size(); k++) {
      validateCountCell(p.countCells().get(k), k, horizon);
    }
    for (int k = 0; k < p.macroShocks().size(); k++) {
      MacroShockSpec shift = p.macroShocks().get(k);
      if (shift == null) {
        throw new IllegalArgumentException("macro shock #" + k + " is null");
      }
      String what = "macro shock " + name(shift.id(), k);
      if (!Double.isFinite(shift.logFactor())) {
        throw new IllegalArgumentException(what + ": log factor must be finite, got " + shift.logFactor());
      }
      for (int c : shift.cells()) {
        checkIndex(c, cells.size(), what, "cell");
      }
    }
    List<TargetSpec> targets = p.targets();
    for (int t = 0; t < targets.size(); t++) {
      validateTarget(targets.get(t), t, p);
    }
    for (int f = 0; f < p.fans().size(); f++) {
      FanSpec fan = p.fans().get(f);
      if (fan == null) {
        throw new IllegalArgumentException("fan #" + f + " is null");
      }
      checkIndex(fan.group(), groups.size(), "fan " + name(fan.id(), f), "group");
    }
    for (int j = 0; j < p.joints().size(); j++) {
      JointSpec joint = p.joints().get(j);
      if (joint == null) {
        throw new IllegalArgumentException("joint set #" + j + " is null");
      }
      String what = "joint set " + name(joint.id(), j);
      if (joint.targets().length == 0) {
        throw new IllegalArgumentException(what + " lists no targets");
      }
      for (int t : joint.targets()) {
        checkIndex(t, targets.size(), what, "target");
      }
    }
  }

  private static void validateShocks(ShockSpec s) {
    if (s == null) {
      throw new IllegalArgumentException("shocks are null");
    }
    double wc = s.cityWeight();
    double wh = s.chainWeight();
    if (!(wc >= 0 && wc <= 1)) {
      throw new IllegalArgumentException("shocks: cityWeight must be in [0, 1], got " + wc);
    }
    if (!(wh >= 0 && wh <= 1 - wc + WEIGHT_SLACK)) {
      throw new IllegalArgumentException(
          "shocks: chainWeight must be in [0, 1 - cityWeight = " + (1 - wc) + "], got " + wh);
    }
    if (s.distribution() == null) {
      throw new IllegalArgumentException("shocks: distribution is null");
    }
    if (s.distribution() == ShockSpec.Distribution.STUDENT_T
        && !(s.degreesOfFreedom() > 2 && s.degreesOfFreedom() < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException(
          "shocks: Student-t degrees of freedom must be finite and > 2, got "
              + s.degreesOfFreedom());
    }
  }

  private static void validateCell(CellSpec c, int i, int chainCount, int horizon) {
    if (c == null) {
      throw new IllegalArgumentException("cell #" + i + " is null");
    }
    String what = "cell " + name(c.id(), i);
    checkIndex(c.chainIndex(), chainCount, what, "chain");
    if (c.baseYear() > horizon) {
      throw new IllegalArgumentException(
          what + ": base year " + c.baseYear() + " is after the horizon " + horizon);
    }
    if (!(c.baseValue() > 0 && c.baseValue() < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException(what + ": base value must be finite and > 0, got " + c.baseValue());
    }
    if (!Double.isFinite(c.driftMean())) {
      throw new IllegalArgumentException(what + ": drift mean must be finite, got " + c.driftMean());
    }
    if (!(c.driftSd() >= 0 && c.driftSd() < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException(what + ": drift sd must be finite and >= 0, got " + c.driftSd());
    }
    if (!(c.volatility() >= 0 && c.volatility() < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException(
          what + ": volatility must be finite and >= 0, got " + c.volatility());
    }
    if (c.isObserved()) {
      if (c.observedYear() <= c.baseYear()) {
        throw new IllegalArgumentException(
            what + ": observed year " + c.observedYear() + " must be after the base year " + c.baseYear());
      }
      if (!(c.observedValue() > 0 && c.observedValue() < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException(
            what + ": observed value must be finite and > 0, got " + c.observedValue());
      }
    }
    for (int k = 0; k < c.events().size(); k++) {
      EventSpec e = c.events().get(k);
      if (e == null) {
        throw new IllegalArgumentException(what + ": event #" + k + " is null");
      }
      String ew = what + ", event " + name(e.id(), k);
      if (e.firstYear() > e.lastYear()) {
        throw new IllegalArgumentException(
            ew + ": first year " + e.firstYear() + " is after last year " + e.lastYear());
      }
      if (!(e.yearlyProbability() >= 0 && e.yearlyProbability() <= 1)) {
        throw new IllegalArgumentException(
            ew + ": yearly probability must be in [0, 1], got " + e.yearlyProbability());
      }
      if (!Double.isFinite(e.jumpLogMean())) {
        throw new IllegalArgumentException(ew + ": jump log mean must be finite, got " + e.jumpLogMean());
      }
      if (!(e.jumpLogSd() >= 0 && e.jumpLogSd() < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException(
            ew + ": jump log sd must be finite and >= 0, got " + e.jumpLogSd());
      }
    }
  }

  private static void validateCountCell(CountCellSpec c, int k, int horizon) {
    if (c == null) {
      throw new IllegalArgumentException("count cell #" + k + " is null");
    }
    String what = "count cell " + name(c.id(), k);
    if (c.baseYear() > horizon) {
      throw new IllegalArgumentException(
          what + ": base year " + c.baseYear() + " is after the horizon " + horizon);
    }
    if (c.baseCount() < 0) {
      throw new IllegalArgumentException(what + ": base count must be >= 0, got " + c.baseCount());
    }
    if (!(c.yearlyRate() >= 0 && c.yearlyRate() < 1e7)) {
      throw new IllegalArgumentException(
          what + ": yearly rate must be in [0, 1e7), got " + c.yearlyRate());
    }
    if (!(c.rateShape() >= 0 && c.rateShape() < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException(
          what + ": rate shape must be finite and >= 0, got " + c.rateShape());
    }
  }

  private static void validateGroup(GroupSpec g, int index, int cellCount) {
    if (g == null) {
      throw new IllegalArgumentException("group #" + index + " is null");
    }
    String what = "group " + name(g.id(), index);
    int[] cells = g.cells();
    if (cells.length == 0) {
      throw new IllegalArgumentException(what + " has no cells");
    }
    BitSet seen = new BitSet();
    for (int c : cells) {
      checkIndex(c, cellCount, what, "cell");
      if (seen.get(c)) {
        throw new IllegalArgumentException(what + " lists cell index " + c + " twice");
      }
      seen.set(c);
    }
  }

  private static void validateTarget(TargetSpec spec, int t, Projection p) {
    if (spec == null) {
      throw new IllegalArgumentException("target #" + t + " is null");
    }
    String what = "target " + name(spec.id(), t);
    int[] groups;
    if (spec instanceof CountTarget ct) {
      if (ct.countCells().length == 0) {
        throw new IllegalArgumentException(what + " counts no count cells");
      }
      for (int k : ct.countCells()) {
        checkIndex(k, p.countCells().size(), what, "count cell");
        if (spec.year() < p.countCells().get(k).baseYear()) {
          throw new IllegalArgumentException(
              what + ": year " + spec.year() + " is before base year "
                  + p.countCells().get(k).baseYear() + " of count cell " + name(p.countCells().get(k).id(), k));
        }
      }
      if (!Double.isFinite(ct.threshold())) {
        throw new IllegalArgumentException(what + ": threshold must be finite, got " + ct.threshold());
      }
      if (spec.year() > p.horizonYear()) {
        throw new IllegalArgumentException(
            what + ": year " + spec.year() + " is after the horizon " + p.horizonYear());
      }
      return;
    }
    if (spec instanceof ValueTarget v) {
      checkIndex(v.group(), p.groups().size(), what, "group");
      if (!Double.isFinite(v.threshold())) {
        throw new IllegalArgumentException(what + ": threshold must be finite, got " + v.threshold());
      }
      groups = new int[] {v.group()};
    } else {
      ChainsAboveTarget c = (ChainsAboveTarget) spec;
      groups = c.groups();
      if (groups.length == 0) {
        throw new IllegalArgumentException(what + " counts no groups");
      }
      for (int g : groups) {
        checkIndex(g, p.groups().size(), what, "group");
      }
      if (!Double.isFinite(c.level())) {
        throw new IllegalArgumentException(what + ": level must be finite, got " + c.level());
      }
      if (c.minCount() < 0) {
        throw new IllegalArgumentException(what + ": minCount must be >= 0, got " + c.minCount());
      }
    }
    if (spec.year() > p.horizonYear()) {
      throw new IllegalArgumentException(
          what + ": year " + spec.year() + " is after the horizon " + p.horizonYear());
    }
    for (int g : groups) {
      for (int c : p.groups().get(g).cells()) {
        CellSpec cell = p.cells().get(c);
        if (spec.year() < cell.baseYear()) {
          throw new IllegalArgumentException(
              what + ": year " + spec.year() + " is before base year " + cell.baseYear()
                  + " of cell " + name(cell.id(), c));
        }
      }
    }
  }

  private static void checkIndex(int index, int size, String what, String kind) {
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException(
          what + ": " + kind + " index " + index + " out of range [0, " + size + ")");
    }
  }

  private static String name(String id, int index) {
    return id == null || id.isEmpty() ? "#" + index : "'" + id + "'";
  }
}
