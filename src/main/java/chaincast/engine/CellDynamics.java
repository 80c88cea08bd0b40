package chaincast.engine;

import java.util.Arrays;
import java.util.List;

/**
 * How each cell moves, in internal order ({@link CellOrder}): its base value, its drift law, its
 * yearly shock, and how both load on the common factors.
 *
 * <p>A draw of the common factors is folded into one term per chain slot, {@code cityLoading *
 * Zcity + chainLoading * Zchain[k]}. Only chains with two or more cells get a slot (and a draw): a
 * chain factor that loads on one cell only is indistinguishable from more own variance, so it is
 * folded into the cell's own loading ({@code sqrt(1 - cityWeight)} instead of {@code sqrt(1 -
 * cityWeight - chainWeight)}) and such cells share slot {@link #chainFactorCount}, the city term
 * alone. The {@code draw*} flags say which factors have a non-zero loading anywhere, so that the
 * simulator draws nothing it would multiply by zero.
 */
final class CellDynamics {

  final double[] baseValue;
  final double[] logBase;
  final double[] driftMean;

  /** Per-path drift sd; and its loading on the cell's own factor (driftSd * own weight). */
  final double[] driftSd;

  final double[] driftOwn;

  /** Yearly shock sd; and its loading on the cell's own factor (volatility * own weight). */
  final double[] volatility;

  final double[] shockOwn;

  /** Per cell: the loading of its own factor ({@code shockOwn = volatility * ownLoading}). */
  final double[] ownLoading;

  /** sqrt(cityWeight) and sqrt(chainWeight): loadings of the common factors. */
  final double cityLoading;

  final double chainLoading;

  /**
   * Per cell: slot of its chain in the common terms, or {@link #chainFactorCount} if it is alone.
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

  CellDynamics(List<CellSpec> cells, int chainCount, ShockSpec shocks, CellOrder order) {
    int n = order.count;
    double wc = shocks.cityWeight();
    double wh = shocks.chainWeight();
    studentT = shocks.distribution() == ShockSpec.Distribution.STUDENT_T;
    degreesOfFreedom = shocks.degreesOfFreedom();
    cityLoading = Math.sqrt(wc);
    chainLoading = Math.sqrt(wh);
    int[] chainSlot = sharedChainSlots(cells, chainCount);
    chainFactorCount = (int) Arrays.stream(chainSlot).filter(s -> s >= 0).count();
    baseValue = new double[n];
    logBase = new double[n];
    driftMean = new double[n];
    driftSd = new double[n];
    driftOwn = new double[n];
    volatility = new double[n];
    shockOwn = new double[n];
    ownLoading = new double[n];
    factorSlot = new int[n];
    double ownShared = Math.sqrt(Math.max(0.0, 1.0 - wc - wh));
    double ownAlone = Math.sqrt(Math.max(0.0, 1.0 - wc));
    for (int i = 0; i < n; i++) {
      CellSpec c = order.spec(cells, i);
      int slot = chainSlot[c.chainIndex()];
      fill(i, c, slot >= 0 ? slot : chainFactorCount, slot >= 0 ? ownShared : ownAlone);
    }
    drawDrift = anyPositive(driftSd, false);
    drawDriftCity = drawDrift && wc > 0;
    drawDriftChain = anyPositive(driftSd, true) && wh > 0;
    drawCity = anyPositive(volatility, false) && wc > 0;
    drawChain = anyPositive(volatility, true) && wh > 0;
  }

  /** Per chain: its slot among the chains with two or more cells (in chain order), or -1. */
  private static int[] sharedChainSlots(List<CellSpec> cells, int chainCount) {
    int[] size = new int[chainCount];
    for (CellSpec c : cells) {
      size[c.chainIndex()]++;
    }
    int[] slot = new int[chainCount];
    int slots = 0;
    for (int k = 0; k < chainCount; k++) {
      slot[k] = size[k] >= 2 ? slots++ : -1;
    }
    return slot;
  }

  private void fill(int i, CellSpec c, int slot, double own) {
    baseValue[i] = c.baseValue();
    logBase[i] = Math.log(c.baseValue());
    driftMean[i] = c.driftMean();
    factorSlot[i] = slot;
    double sd = c.driftSd();
    driftSd[i] = sd;
    driftOwn[i] = sd * own;
    double vol = c.volatility();
    volatility[i] = vol;
    shockOwn[i] = vol * own;
    ownLoading[i] = own;
  }

  /** True if some cell (of a shared chain only, if {@code sharedOnly}) has a positive value. */
  private boolean anyPositive(double[] perCell, boolean sharedOnly) {
    for (int i = 0; i < perCell.length; i++) {
      if (perCell[i] > 0 && (!sharedOnly || factorSlot[i] < chainFactorCount)) {
        return true;
      }
    }
    return false;
  }
}
