package chaincast.engine;

import java.util.BitSet;
import java.util.List;

/**
 * A validated {@link Projection} compiled into section tables of flat arrays for the inner loop
 * ({@link PathSimulator}) and the estimators ({@link Tally}, {@link RunTotals}).
 *
 * <p>Years are indexed from 0 (the projection's first year) to {@code yearCount - 1} (the horizon).
 * Cells are reordered by base year ({@link CellOrder}); every section refers to cells by that
 * internal index. Groups keep their projection indices, as do targets, joint sets, fans and count
 * cells. Each section is built by its own constructor from the projection and the sections before
 * it:
 *
 * <pre>
 * cells ─► CellOrder ─► CellDynamics, EventTable, EvidenceTable, MacroShockTable, GroupTable
 * targets, joints ─► TargetTable ─► CountCells (with the run's CountTables), SeriesTable (with fans)
 * TargetTable, fans, GroupTable ─► RecordingPlan ─► SpanPlan (with EvidenceTable) ─► DrawLayout
 * all of the above ─► SeriesWindows (each value histogram's fine window)
 * </pre>
 *
 * The tables are final objects holding final arrays; the simulator copies the references it needs
 * into locals, so the hot loop reads flat arrays exactly as when they were fields of this class.
 */
final class CompiledModel {

  /** Longest span, first year to horizon, that a projection may cover. */
  static final int MAX_YEARS = 200;

  /** Slack allowed when checking {@code cityWeight + chainWeight <= 1}. */
  private static final double WEIGHT_SLACK = 1e-12;

  final int firstYear;
  final int horizonYear;
  final int yearCount;

  /** The cells in internal order (by base year) and which of them move in each year. */
  final CellOrder order;

  /** How each cell moves: base, drift, shocks and factor loadings. */
  final CellDynamics cells;

  final EventTable events;

  /** Base priors and observations: what conditions (and weights) the paths. */
  final EvidenceTable evidence;

  /** Cells whose drift and volatility each path draws from an estimated posterior. */
  final PosteriorTable posteriors;

  final MacroShockTable macroShocks;

  /** The count cells, their laws and the count targets' bounds. */
  final CountCells counts;

  final GroupTable groups;

  /** Targets and joint sets. */
  final TargetTable targets;

  /** Value series (histograms) of value targets and fans. */
  final SeriesTable series;

  /** What is recorded in each year. */
  final RecordingPlan recording;

  /** Per value series: the fine window of its histogram. */
  final SeriesWindows windows;

  /** The spans of years a path is stepped in. */
  final SpanPlan spans;

  /** The normals a path draws, in order. */
  final DrawLayout layout;

  /** The value targets with a conditional estimate, and the cell each integrates out. */
  final ConditionalPlan conditional;

  private CompiledModel(Projection p, boolean recordEverything, CountTables tables) {
    firstYear = p.firstYear();
    horizonYear = p.horizonYear();
    yearCount = horizonYear - firstYear + 1;
    List<CellSpec> specs = p.cells();
    order = new CellOrder(specs, firstYear, yearCount);
    cells = new CellDynamics(specs, p.chainCount(), p.shocks(), order);
    events = new EventTable(specs, order, firstYear, yearCount);
    evidence = new EvidenceTable(specs, p.evidence(), order, cells.logBase, firstYear, yearCount);
    posteriors = new PosteriorTable(specs, order, cells);
    macroShocks = new MacroShockTable(p.macroShocks(), order, firstYear, yearCount);
    groups = new GroupTable(p.groups(), order);
    targets = new TargetTable(p.targets(), p.joints(), firstYear, yearCount);
    counts = new CountCells(p.countCells(), targets, firstYear, tables);
    series = new SeriesTable(targets, p.fans(), yearCount);
    recording =
        recordEverything
            ? RecordingPlan.everything(targets, groups, order.count, yearCount)
            : RecordingPlan.needed(targets, p.fans(), groups, yearCount);
    spans = SpanPlan.of(order, recording, evidence, yearCount);
    layout = new DrawLayout(cells, posteriors, spans, evidence, counts);
    conditional = new ConditionalPlan(targets, groups, cells, spans, layout, evidence, order);
    windows = SeriesWindows.of(this); // reads the sections above, all assigned by now
  }

  /**
   * Validates {@code p} and compiles it.
   *
   * @param recordEverything record every cell and group in every year (the {@link PathSampler});
   *     otherwise only what targets and fans need
   * @throws IllegalArgumentException naming the first inconsistency found
   */
  static CompiledModel compile(Projection p, boolean recordEverything) {
    return compile(p, recordEverything, new CountTables());
  }

  /**
   * Validates {@code p} and compiles it, taking count laws from {@code tables} (shared by the two
   * sides of a comparison); with {@link CountTables#sizing()} no count law is built, which is
   * enough to size a run ({@link RunSizer}) but not to simulate it.
   */
  static CompiledModel compile(Projection p, boolean recordEverything, CountTables tables) {
    validate(p);
    return new CompiledModel(p, recordEverything, tables);
  }

  /** Cell-steps per path: the sum over cells of the years simulated after the base year. */
  long cellStepsPerPath() {
    long s = 0;
    for (int y = 1; y < yearCount; y++) {
      s += order.activeCount[y];
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
      String problem = ParameterDomain.CHANGE.violationOfLog1p(shift.logFactor());
      if (problem != null) {
        throw new IllegalArgumentException(what + ": log factor " + problem);
      }
      for (int c : shift.cells()) {
        checkIndex(c, cells.size(), what, "cell");
      }
    }
    validateEvidence(p);
    var crossing = MedianEnvelope.find(cells, p.macroShocks(), horizon);
    if (crossing.isPresent()) {
      int c = crossing.get().cell();
      throw new IllegalArgumentException(
          "cell " + name(cells.get(c).id(), c) + ": " + crossing.get().describe());
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
    inDomain(ParameterDomain.CITY_WEIGHT, wc, "shocks", "cityWeight");
    inDomain(ParameterDomain.CHAIN_WEIGHT, wh, "shocks", "chainWeight");
    if (!(wh <= 1 - wc + WEIGHT_SLACK)) {
      throw new IllegalArgumentException(
          "shocks: chainWeight must be at most 1 - cityWeight = " + (1 - wc) + ", got " + wh);
    }
    if (s.distribution() == null) {
      throw new IllegalArgumentException("shocks: distribution is null");
    }
    if (s.distribution() == ShockSpec.Distribution.STUDENT_T) {
      inDomain(
          ParameterDomain.DEGREES_OF_FREEDOM,
          s.degreesOfFreedom(),
          "shocks",
          "Student-t degrees of freedom");
    }
  }

  /**
   * Throws unless {@code value} lies in {@code domain}: the engine's own check, against the same
   * table the API and the seed validator use.
   */
  private static void inDomain(ParameterDomain domain, double value, String what, String name) {
    String problem = domain.violation(value);
    if (problem != null) {
      throw new IllegalArgumentException(what + ": " + name + " " + problem);
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
    // Starts may be split from a group total, so they are bounded as any value on a path is.
    inDomain(ParameterDomain.PROJECTED_OUTPUT, c.baseValue(), what, "base value");
    inDomain(ParameterDomain.DRIFT_MEAN, c.driftMean(), what, "drift mean");
    inDomain(ParameterDomain.DRIFT_SD, c.driftSd(), what, "drift sd");
    inDomain(ParameterDomain.VOLATILITY, c.volatility(), what, "volatility");
    if (!(c.baseLogSd() >= 0 && c.baseLogSd() <= Evidence.MAX_LOG_SD)) {
      throw new IllegalArgumentException(
          what
              + ": base prior spread must be in [0, "
              + Evidence.MAX_LOG_SD
              + "], got "
              + c.baseLogSd());
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
      inDomain(ParameterDomain.EVENT_PROBABILITY, e.yearlyProbability(), ew, "yearly probability");
      inDomain(ParameterDomain.JUMP_LOG_MEAN, e.jumpLogMean(), ew, "jump log mean");
      inDomain(ParameterDomain.JUMP_LOG_SD, e.jumpLogSd(), ew, "jump log sd");
    }
  }

  private static void validateEvidence(Projection p) {
    int first = p.firstYear();
    for (int k = 0; k < p.evidence().size(); k++) {
      Evidence e = p.evidence().get(k);
      if (e == null) {
        throw new IllegalArgumentException("evidence #" + k + " is null");
      }
      String what = "observation " + name(e.id(), k);
      if (e.cells().length == 0) {
        throw new IllegalArgumentException(what + " observes no cell");
      }
      BitSet seen = new BitSet();
      for (int c : e.cells()) {
        checkIndex(c, p.cells().size(), what, "cell");
        if (seen.get(c)) {
          throw new IllegalArgumentException(what + " lists cell index " + c + " twice");
        }
        seen.set(c);
      }
      if (e.year() < first || e.year() > p.horizonYear()) {
        throw new IllegalArgumentException(
            what + ": year " + e.year() + " is outside " + first + ".." + p.horizonYear());
      }
      inDomain(ParameterDomain.PROJECTED_OUTPUT, e.value(), what, "value");
      if (!(e.logSd() >= Evidence.MIN_LOG_SD && e.logSd() <= Evidence.MAX_LOG_SD)) {
        throw new IllegalArgumentException(
            what
                + ": measurement error must be in ["
                + Evidence.MIN_LOG_SD
                + ", "
                + Evidence.MAX_LOG_SD
                + "], got "
                + e.logSd());
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
    inDomain(ParameterDomain.COUNT, c.baseCount(), what, "base count");
    inDomain(ParameterDomain.YEARLY_RATE, c.yearlyRate(), what, "yearly rate");
    inDomain(ParameterDomain.RATE_SHAPE, c.rateShape(), what, "rate shape");
    if (!(c.baseLogSd() >= 0 && c.baseLogSd() <= Evidence.MAX_LOG_SD)) {
      throw new IllegalArgumentException(
          what
              + ": base prior spread must be in [0, "
              + Evidence.MAX_LOG_SD
              + "], got "
              + c.baseLogSd());
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
              what
                  + ": year "
                  + spec.year()
                  + " is before base year "
                  + p.countCells().get(k).baseYear()
                  + " of count cell "
                  + name(p.countCells().get(k).id(), k));
        }
      }
      inDomain(ParameterDomain.THRESHOLD, ct.threshold(), what, "threshold");
      if (spec.year() > p.horizonYear()) {
        throw new IllegalArgumentException(
            what + ": year " + spec.year() + " is after the horizon " + p.horizonYear());
      }
      return;
    }
    if (spec instanceof ValueTarget v) {
      checkIndex(v.group(), p.groups().size(), what, "group");
      inDomain(ParameterDomain.THRESHOLD, v.threshold(), what, "threshold");
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
      inDomain(ParameterDomain.OUTPUT, c.level(), what, "level");
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
              what
                  + ": year "
                  + spec.year()
                  + " is before base year "
                  + cell.baseYear()
                  + " of cell "
                  + name(cell.id(), c));
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
