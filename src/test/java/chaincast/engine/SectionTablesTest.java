package chaincast.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each section table of {@link CompiledModel}, built on its own from a small projection whose
 * expected arrays are worked out by hand below.
 *
 * <p>Four cells, first year 2019, horizon 2023 (year indices 0 to 4): a (chain 0, base 2021), b
 * (chain 1, base 2019), c (chain 0, base 2021), d (chain 2, base 2020). By base year, stable: b, d,
 * a, c, so internal indices are b=0, d=1, a=2, c=3.
 */
class SectionTablesTest {

  static final int FIRST = 2019;
  static final int HORIZON = 2023;
  static final int YEARS = HORIZON - FIRST + 1;

  static final EventSpec B_EVENT = new EventSpec("e1", 2018, 2030, 0.5, 0.2, 0.1);
  static final EventSpec A_TOO_EARLY = new EventSpec("early", 2020, 2021, 0.9, 1, 0);
  static final EventSpec A_NEVER = new EventSpec("never", 2022, 2023, 0.0, 1, 0);
  static final EventSpec A_SURE = new EventSpec("sure", 2022, 2023, 1.0, -0.1, 0);
  static final EventSpec C_EVENT = new EventSpec("c1", 2022, 2022, 0.2, 0.3, 0.05);

  static List<CellSpec> cells() {
    return List.of(
        new CellSpec("a", 0, 2021, 10, 0.05, 0.02, 0.10, List.of(A_TOO_EARLY, A_NEVER, A_SURE)),
        new CellSpec("b", 1, 2019, 20, 0.04, 0.00, 0.20, List.of(B_EVENT)),
        new CellSpec("c", 0, 2021, 30, 0.03, 0.01, 0.00, List.of(C_EVENT)),
        new CellSpec("d", 2, 2020, 40, 0.02, 0.03, 0.30, List.of(), 0.1));
  }

  static CellOrder order() {
    return new CellOrder(cells(), FIRST, YEARS);
  }

  @Test
  void cellOrderSortsByBaseYearStably() {
    CellOrder o = order();
    assertEquals(4, o.count);
    assertArrayEquals(new int[] {1, 3, 0, 2}, o.projectionIndex);
    assertArrayEquals(new int[] {2, 0, 3, 1}, o.internalIndex);
    assertArrayEquals(new int[] {0, 1, 2, 2}, o.baseIndex);
    // Cells stepped in year y: base year index below y.
    assertArrayEquals(new int[] {0, 1, 2, 4, 4}, o.activeCount);
    assertEquals("d", o.spec(cells(), 1).id());
  }

  @Test
  void cellDynamicsFoldSingleCellChainsIntoOwnVariance() {
    ShockSpec shocks = new ShockSpec(0.3, 0.2, ShockSpec.Distribution.STUDENT_T, 6);
    CellDynamics d = new CellDynamics(cells(), 3, shocks, order());
    // Only chain 0 (a, c) has two cells: one chain slot; b and d use slot 1, the city term.
    assertEquals(1, d.chainFactorCount);
    assertArrayEquals(new int[] {1, 1, 0, 0}, d.factorSlot);
    assertEquals(Math.sqrt(0.3), d.cityLoading, 0.0);
    assertEquals(Math.sqrt(0.2), d.chainLoading, 0.0);
    double shared = Math.sqrt(1 - 0.3 - 0.2);
    double alone = Math.sqrt(1 - 0.3);
    assertArrayEquals(new double[] {20, 40, 10, 30}, d.baseValue, 0.0);
    assertArrayEquals(
        new double[] {Math.log(20), Math.log(40), Math.log(10), Math.log(30)}, d.logBase, 0.0);
    assertArrayEquals(new double[] {0.04, 0.02, 0.05, 0.03}, d.driftMean, 0.0);
    assertArrayEquals(
        new double[] {0, 0.03 * alone, 0.02 * shared, 0.01 * shared}, d.driftOwn, 0.0);
    assertArrayEquals(new double[] {0.20 * alone, 0.30 * alone, 0.10 * shared, 0}, d.shockOwn, 0.0);
    assertTrue(d.drawDrift && d.drawDriftCity && d.drawDriftChain && d.drawCity && d.drawChain);
    assertTrue(d.studentT);
    assertEquals(6, d.degreesOfFreedom, 0.0);
  }

  @Test
  void cellDynamicsDrawNoFactorWithAZeroLoading() {
    List<CellSpec> cells =
        List.of(
            new CellSpec("a", 0, 2021, 10, 0.05, 0, 0, List.of()),
            new CellSpec("b", 1, 2019, 20, 0.04, 0, 0.2, List.of()),
            new CellSpec("c", 0, 2021, 30, 0.03, 0, 0, List.of()),
            new CellSpec("d", 2, 2020, 40, 0.02, 0, 0.3, List.of()));
    CellDynamics d =
        new CellDynamics(
            cells, 3, new ShockSpec(0.3, 0.2, ShockSpec.Distribution.NORMAL, 0), order());
    assertFalse(d.drawDrift || d.drawDriftCity || d.drawDriftChain, "no drift sd anywhere");
    assertTrue(d.drawCity);
    assertFalse(d.drawChain, "only single-cell chains are volatile");
    assertFalse(d.studentT);
    CellDynamics noCity =
        new CellDynamics(
            cells(), 3, new ShockSpec(0, 0.5, ShockSpec.Distribution.NORMAL, 0), order());
    assertFalse(noCity.drawCity || noCity.drawDriftCity);
    assertTrue(noCity.drawChain && noCity.drawDriftChain);
  }

  @Test
  void eventsAreClippedToTheYearsThatCanMoveTheirCell() {
    EventTable e = new EventTable(cells(), order(), FIRST, YEARS);
    // Kept, in internal cell order: b's e1, a's sure, c's c1. a's early window ends before its
    // first step; a's never has probability 0.
    assertEquals(3, e.count);
    assertArrayEquals(new int[] {0, 2, 3}, e.cell);
    assertArrayEquals(new int[] {1, 3, 3}, e.first, "b steps from index 1; a and c from 3");
    assertArrayEquals(new int[] {4, 4, 3}, e.last, "clipped to the horizon");
    assertArrayEquals(new double[] {0.5, 1.0, 0.2}, e.probability, 0.0);
    assertArrayEquals(new double[] {0.2, -0.1, 0.3}, e.jumpMean, 0.0);
    assertArrayEquals(new double[] {0.1, 0, 0.05}, e.jumpSd, 0.0);
    assertArrayEquals(new double[] {0.5, 0.75, 0.875, 0.9375}, e.firedBy[0], 0.0);
    assertArrayEquals(new double[] {1.0, 1.0}, e.firedBy[1], 0.0);
    assertArrayEquals(new double[] {0.2}, e.firedBy[2], 1e-15);
    assertArrayEquals(new int[][] {{}, {0}, {0}, {0, 1, 2}, {0, 1}}, e.byYear);
    assertEquals(KeyedStreams.keyOf("event/b/e1"), e.key[0]);
    assertEquals(KeyedStreams.keyOf("event/a/sure"), e.key[1]);
  }

  @Test
  void evidenceIsLaidOutPerYearAndBaseYearObservationsUpdateThePrior() {
    // Internal order sorts by base year: b (2019), d (2020), a, c (2021).
    CellOrder order = order();
    double[] logBase = new double[order.count];
    for (int i = 0; i < order.count; i++) {
      logBase[i] = Math.log(order.spec(cells(), i).baseValue());
    }
    List<Evidence> evidence =
        List.of(
            new Evidence("d-2022", new int[] {3}, 2022, 44.0, 0.05),
            new Evidence("d-2022-again", new int[] {3}, 2022, 46.0, 0.05),
            new Evidence("d-base", new int[] {3}, 2020, 42.0, 0.1),
            new Evidence("a-base", new int[] {0}, 2021, 11.0, 0.1),
            new Evidence("ab-2021", new int[] {0, 1}, 2021, 31.0, 0.1));
    EvidenceTable e = new EvidenceTable(cells(), evidence, order, logBase, FIRST, YEARS);
    assertTrue(e.weighted);
    assertArrayEquals(new int[] {1}, e.directCells[3], "d observed in 2022 (year index 3)");
    // Two observations of one cell and year are one Gaussian: equal errors average the logs.
    assertEquals((Math.log(44) + Math.log(46)) / 2, e.directLog[3][0], 1e-12);
    assertEquals(0.05 * 0.05 / 2, e.directVar[3][0], 1e-15);
    // In its base year d's prior (sd 0.1) meets an observation of sd 0.1: halfway, sd / sqrt 2.
    assertEquals((Math.log(40) + Math.log(42)) / 2, e.startLog[1], 1e-12);
    assertEquals(0.1 / Math.sqrt(2), e.baseSd[1], 1e-12);
    assertArrayEquals(new int[] {1}, e.priorCells);
    // a's base is known: its base-year observation tells nothing about the paths.
    assertEquals(List.of("a-base"), e.uninformative);
    assertEquals(logBase[2], e.startLog[2], 0.0);
    assertEquals(1, e.groupCells[2].length);
    assertArrayEquals(new int[] {2, 0}, e.groupCells[2][0], "a and b, by internal index");
    assertFalse(e.any[0]);
    EvidenceTable none = new EvidenceTable(cells(), List.of(), order, logBase, FIRST, YEARS);
    assertFalse(none.weighted);
  }

  @Test
  void macroShocksMoveCellsOnlyAfterTheirBaseYear() {
    List<MacroShockSpec> shocks =
        List.of(
            new MacroShockSpec("dip", new int[] {0, 1, 3}, 2021, Math.log(0.9)),
            new MacroShockSpec("before", new int[] {1}, 2018, 1.0),
            new MacroShockSpec("after", new int[] {1}, 2024, 1.0),
            new MacroShockSpec("up", new int[] {2}, 2023, Math.log(1.1)));
    MacroShockTable m = new MacroShockTable(shocks, order(), FIRST, YEARS);
    // 2021 (index 2): a starts in 2021 (not moved), b (internal 0) and d (internal 1) are.
    assertArrayEquals(new int[][] {{}, {}, {0, 1}, {}, {3}}, m.cellsByYear);
    assertArrayEquals(new double[] {Math.log(0.9), Math.log(0.9)}, m.logFactorByYear[2], 0.0);
    assertArrayEquals(new double[] {Math.log(1.1)}, m.logFactorByYear[4], 0.0);
    assertEquals(0, m.logFactorByYear[0].length);
  }

  @Test
  void groupsAreFlattenedInTheirOwnOrderWithInternalIndices() {
    GroupTable g =
        new GroupTable(
            List.of(new GroupSpec("ca", new int[] {2, 0}), new GroupSpec("b", new int[] {1})),
            order());
    assertEquals(2, g.count);
    assertArrayEquals(new int[] {0, 2, 3}, g.start);
    assertArrayEquals(new int[] {3, 2, 0}, g.cells);
  }

  static final List<TargetSpec> TARGETS =
      List.of(
          new ValueTarget("v", 0, 2023, 50, true),
          new CountTarget("k", new int[] {0, 1}, 2022, 5, false),
          new ChainsAboveTarget("ca", new int[] {0, 1}, 25, 2023, 1, false),
          new CountTarget("k0", new int[] {0}, 2023, 7, true),
          new CountTarget("k1-base", new int[] {1}, 2021, 1, false));

  static TargetTable targets() {
    return new TargetTable(TARGETS, List.of(new JointSpec("j", new int[] {0, 2})), FIRST, YEARS);
  }

  @Test
  void targetsKeepTheirKindsFields() {
    TargetTable t = targets();
    assertEquals(5, t.count);
    assertArrayEquals(new boolean[] {true, false, false, false, false}, t.isValue);
    assertArrayEquals(new int[] {4, 3, 4, 4, 2}, t.yearIndex);
    assertEquals(0, t.group[0]);
    assertArrayEquals(new double[] {50, 5, 0, 7, 1}, t.threshold, 0.0);
    assertArrayEquals(new boolean[] {true, false, false, true, false}, t.strict);
    assertArrayEquals(new int[] {0, 1}, t.countCells[1]);
    assertNull(t.countCells[0]);
    assertNull(t.countCells[2]);
    assertArrayEquals(new int[] {0, 1}, t.countedGroups[2]);
    assertNull(t.countedGroups[1]);
    assertEquals(25, t.level[2], 0.0);
    assertEquals(1, t.minCount[2]);
    assertArrayEquals(new int[][] {{}, {}, {4}, {1}, {0, 2, 3}}, t.byYear);
    assertEquals(1, t.jointCount);
    assertArrayEquals(new int[] {0, 2}, t.jointTargets[0]);
    assertArrayEquals(new int[] {0}, t.groupsRead(0));
    assertArrayEquals(new int[] {}, t.groupsRead(1));
    assertArrayEquals(new int[] {0, 1}, t.groupsRead(2));
  }

  @Test
  void countCellsAreDrawnOnlyInTheYearsTargetsRead() {
    List<CountCellSpec> counts =
        List.of(
            new CountCellSpec("k0", 2020, 2, 1.5, 0),
            new CountCellSpec("k1", 2021, 0, 3.0, 2.0),
            new CountCellSpec("idle", 2019, 9, 1.0, 1.0));
    CountTables tables = new CountTables();
    CountCells c = new CountCells(counts, targets(), FIRST, tables);
    assertEquals(3, c.count);
    assertArrayEquals(new int[] {1, 2, 0}, c.baseIndex);
    assertArrayEquals(new int[] {2, 0, 9}, c.base);
    assertArrayEquals(new int[] {0, 1}, c.drawn, "no target counts 'idle'");
    assertArrayEquals(new int[] {3, 4}, c.years[0]);
    assertArrayEquals(new int[] {3}, c.years[1], "its base year is not drawn");
    assertArrayEquals(new int[] {}, c.years[2]);
    assertSame(
        tables.get(1.5, 0, 2), c.firstTable[0], "the run's law for k0's first span (2 years)");
    assertSame(tables.get(3.0, 2.0, 1), c.firstTable[1]);
    assertEquals(3.0, c.firstTable[0].mean(), 0.0);
    assertEquals(2, c.firstSpan(0));
    assertNull(c.firstTable[2]);
    // Value target: 0; k0 + k1 in k0's and k1's first count year: both bases plus both laws' most
    // arrivals; chains-above over 2 groups: 2; k0 after its first span: unbounded; k1 in its base
    // year: its base count.
    int both = 2 + c.firstTable[0].last() + c.firstTable[1].last();
    assertArrayEquals(new int[] {0, both, 2, Integer.MAX_VALUE, 0}, c.targetMaxCount);
    assertEquals(KeyedStreams.keyOf("count/k1"), c.key[1]);
  }

  @Test
  void targetsAndFansOnTheSameGroupAndYearShareASeries() {
    SeriesTable s =
        new SeriesTable(targets(), List.of(new FanSpec("f", 0), new FanSpec("g", 1)), YEARS);
    // Numbered on first need: the value target's (group 0, index 4) is 0, then fan f years 0..3,
    // then fan g years 0..4.
    assertEquals(10, s.count);
    assertArrayEquals(new int[] {0, -1, -1, -1, -1}, s.ofTarget);
    assertArrayEquals(new int[] {1, 2, 3, 4, 0}, s.ofFan[0]);
    assertArrayEquals(new int[] {5, 6, 7, 8, 9}, s.ofFan[1]);
    assertArrayEquals(new int[] {0, 0, 0, 0, 0, 1, 1, 1, 1, 1}, s.group);
    assertArrayEquals(new int[][] {{1, 5}, {2, 6}, {3, 7}, {4, 8}, {0, 9}}, s.byYear);
    assertEquals(2, s.fanCount);
  }

  @Test
  void recordingCoversWhatTargetsAndFansRead() {
    GroupTable groups =
        new GroupTable(
            List.of(
                new GroupSpec("ca", new int[] {2, 0}),
                new GroupSpec("b", new int[] {1}),
                new GroupSpec("d", new int[] {3})),
            order());
    RecordingPlan needed = RecordingPlan.needed(targets(), List.of(), groups, YEARS);
    // Index 2: only a count target (no values); 3: only a count target; 4: groups 0 and 1.
    assertArrayEquals(new boolean[] {false, false, true, true, true}, needed.recorded);
    assertArrayEquals(new int[][] {{}, {}, {}, {}, {0, 1}}, needed.groups);
    assertArrayEquals(new int[][] {{}, {}, {}, {}, {0, 2, 3}}, needed.cells);
    RecordingPlan withFan =
        RecordingPlan.needed(targets(), List.of(new FanSpec("f", 2)), groups, YEARS);
    assertArrayEquals(new boolean[] {true, true, true, true, true}, withFan.recorded);
    assertArrayEquals(new int[][] {{2}, {2}, {2}, {2}, {0, 1, 2}}, withFan.groups);
    assertArrayEquals(new int[] {1}, withFan.cells[0], "group d holds cell d, internal 1");
    RecordingPlan all = RecordingPlan.everything(targets(), groups, 4, YEARS);
    for (int y = 0; y < YEARS; y++) {
      assertTrue(all.recorded[y]);
      assertArrayEquals(new int[] {0, 1, 2}, all.groups[y]);
      assertArrayEquals(new int[] {0, 1, 2, 3}, all.cells[y]);
    }
  }

  /** The model wires the sections together: the pinned projection's sections agree in size. */
  @Test
  void compiledModelWiresTheSections() {
    Projection p = PinnedResultsTest.everything(PinnedResultsTest.STUDENT);
    CompiledModel m = CompiledModel.compile(p, false);
    assertEquals(2019, m.firstYear);
    assertEquals(8, m.yearCount);
    assertEquals(p.cells().size(), m.order.count);
    assertEquals(p.groups().size(), m.groups.count);
    assertEquals(p.targets().size(), m.targets.count);
    assertEquals(p.countCells().size(), m.counts.count);
    assertEquals(p.fans().size(), m.series.fanCount);
    assertEquals(p.joints().size(), m.targets.jointCount);
    // Four events, of which 'late' (2031-2033) lies past the horizon and can never fire.
    assertEquals(3, m.events.count);
    long steps = 0;
    for (CellSpec c : p.cells()) {
      steps += 2026 - c.baseYear();
    }
    assertEquals(steps, m.cellStepsPerPath());
    assertArrayEquals(
        new int[] {8, 9}, m.recording.groups[0], "in the first year only the fans' groups");
    assertEquals(p.groups().size(), CompiledModel.compile(p, true).recording.groups[0].length);
  }
}
