package chaincast.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The section of a compiled model that conditions paths on evidence: the assumed bases' priors and
 * the observations, laid out per year for the inner loop.
 *
 * <p>Three treatments, each exact for what it applies to:
 *
 * <ul>
 *   <li><b>Base priors.</b> A cell's log base starts at {@link #startLog} plus {@link #baseSd}
 *       times a normal from its own keyed sequence. A single cell observed in or before its base
 *       year updates that Gaussian prior in closed form here (precision-weighted mean), so it costs
 *       no weight at all; on a cell whose base is known the observation carries no information
 *       about the paths and is dropped ({@link #uninformative}).
 *   <li><b>A cell observed after its base year</b> ({@link #directCells}): its own shock of that
 *       year is the only Gaussian term the path has not yet fixed, so the shock is drawn from its
 *       posterior given the observation (the fully adapted proposal) and the path is weighted by
 *       the observation's predictive density given everything else. Several observations of one
 *       cell in one year are merged first (their product is one Gaussian in log space).
 *   <li><b>A sum of cells</b> ({@link #groupCells}): the path is weighted by the likelihood of the
 *       observed total given its own total. Paths whose cells moved as the model believes most
 *       likely weigh most, so a volatile cell absorbs more of a surprise than a stable one.
 * </ul>
 */
final class EvidenceTable {

  /** Per cell (internal order): the mean of its log base (the seeded log base unless updated). */
  final double[] startLog;

  /** Per cell: the standard deviation of its log base (0: fixed). */
  final double[] baseSd;

  /** The cells with {@code baseSd > 0}, internal indices. */
  final int[] priorCells;

  /** Per cell: the key of its base draw's keyed sequence. */
  final long[] baseKey;

  /** Per year index: the cells observed alone after their base year (internal indices). */
  final int[][] directCells;

  /** Per year index and direct item: ln of the observed value. */
  final double[][] directLog;

  /** Per year index and direct item: the variance of the log measurement error. */
  final double[][] directVar;

  /** Per year index and group item: the cells summed (internal indices). */
  final int[][][] groupCells;

  /** Per year index and group item: ln of the observed total. */
  final double[][] groupLog;

  /** Per year index and group item: the variance of the log measurement error. */
  final double[][] groupVar;

  /** Per year index: whether any observation weighs paths in that year. */
  final boolean[] any;

  /** Whether paths carry weights at all. */
  final boolean weighted;

  /** Ids of observations dropped because they concern a base held fixed (for reports). */
  final List<String> uninformative = new ArrayList<>();

  EvidenceTable(
      List<CellSpec> cells,
      List<Evidence> evidence,
      CellOrder order,
      double[] logBase,
      int firstYear,
      int yearCount) {
    int n = order.count;
    startLog = logBase.clone();
    baseSd = new double[n];
    baseKey = new long[n];
    List<Integer> prior = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      CellSpec c = order.spec(cells, i);
      baseSd[i] = c.baseLogSd();
      baseKey[i] = KeyedStreams.keyOf("base/" + c.id());
    }
    List<List<double[]>> direct = new ArrayList<>(); // per year: {cell, mean, variance}
    List<List<Evidence>> groups = new ArrayList<>();
    for (int y = 0; y < yearCount; y++) {
      direct.add(new ArrayList<>());
      groups.add(new ArrayList<>());
    }
    for (Evidence e : evidence) {
      double log = Math.log(e.value());
      double var = e.logSd() * e.logSd();
      int y = e.year() - firstYear;
      if (e.cells().length == 1) {
        int i = order.internalIndex[e.cells()[0]];
        if (order.baseIndex[i] >= y) {
          conditionBase(i, log, var, e.id());
        } else {
          mergeDirect(direct.get(y), i, log, var);
        }
      } else {
        groups.get(y).add(e);
      }
    }
    for (int i = 0; i < n; i++) {
      if (baseSd[i] > 0) {
        prior.add(i);
      }
    }
    priorCells = prior.stream().mapToInt(Integer::intValue).toArray();
    directCells = new int[yearCount][];
    directLog = new double[yearCount][];
    directVar = new double[yearCount][];
    groupCells = new int[yearCount][][];
    groupLog = new double[yearCount][];
    groupVar = new double[yearCount][];
    any = new boolean[yearCount];
    boolean w = false;
    for (int y = 0; y < yearCount; y++) {
      fillYear(y, direct.get(y), groups.get(y), order);
      any[y] = directCells[y].length + groupCells[y].length > 0;
      w |= any[y];
    }
    weighted = w;
  }

  /** Gaussian update of a cell's log-base prior by an observation in or before its base year. */
  private void conditionBase(int i, double log, double var, String id) {
    double priorVar = baseSd[i] * baseSd[i];
    if (priorVar == 0) {
      uninformative.add(id);
      return;
    }
    double precision = 1 / priorVar + 1 / var;
    startLog[i] = (startLog[i] / priorVar + log / var) / precision;
    baseSd[i] = Math.sqrt(1 / precision);
  }

  /** Adds a direct observation, merging it with an earlier one of the same cell and year. */
  private static void mergeDirect(List<double[]> items, int cell, double log, double var) {
    for (double[] item : items) {
      if ((int) item[0] == cell) {
        double precision = 1 / item[2] + 1 / var;
        item[1] = (item[1] / item[2] + log / var) / precision;
        item[2] = 1 / precision;
        return;
      }
    }
    items.add(new double[] {cell, log, var});
  }

  private void fillYear(int y, List<double[]> direct, List<Evidence> groups, CellOrder order) {
    directCells[y] = new int[direct.size()];
    directLog[y] = new double[direct.size()];
    directVar[y] = new double[direct.size()];
    for (int k = 0; k < direct.size(); k++) {
      directCells[y][k] = (int) direct.get(k)[0];
      directLog[y][k] = direct.get(k)[1];
      directVar[y][k] = direct.get(k)[2];
    }
    groupCells[y] = new int[groups.size()][];
    groupLog[y] = new double[groups.size()];
    groupVar[y] = new double[groups.size()];
    for (int k = 0; k < groups.size(); k++) {
      Evidence e = groups.get(k);
      int[] members = e.cells();
      for (int j = 0; j < members.length; j++) {
        members[j] = order.internalIndex[members[j]];
      }
      groupCells[y][k] = members;
      groupLog[y][k] = Math.log(e.value());
      groupVar[y][k] = e.logSd() * e.logSd();
    }
  }

  /** Whether cell {@code i}'s recorded value before it moves is its seeded base, exactly. */
  boolean fixedBase(int i, double[] logBase) {
    return baseSd[i] == 0 && startLog[i] == logBase[i];
  }
}
