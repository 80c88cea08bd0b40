package chaincast.seed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import chaincast.model.Model;
import chaincast.v1.Actual;
import chaincast.v1.Cell;
import chaincast.v1.CellParameters;
import chaincast.v1.Citation;
import chaincast.v1.Comparison;
import chaincast.v1.CountCell;
import chaincast.v1.JointSet;
import chaincast.v1.Parameter;
import chaincast.v1.Provenance;
import chaincast.v1.ProvenanceKind;
import chaincast.v1.ShockDistribution;
import chaincast.v1.ShockSettings;
import chaincast.v1.Target;
import chaincast.v1.TargetKind;
import chaincast.v1.Unit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The shipped seeds against the documents and against their own formulas. */
class SeedContentTest {

  private static final String[] COUNTIES = {
    "etdz", "haizhou", "guannan", "ganyu", "donghai", "guanyun", "lianyun"
  };
  private static final String[] CITY_CHAINS = {
    "petrochem", "pharma", "hp_fibre", "chem_materials", "steel",
    "new_energy", "silicon", "equipment", "green_food", "info"
  };

  private final Model m = TestSeeds.model();

  // ---- completeness of citations and provenance

  @Test
  void everyTargetAndActualHasAFullCitationOfAnExistingPlan() {
    for (Target t : m.targets()) {
      assertCitation("target " + t.getId(), t.getCitation());
      assertEquals(t.getPlanId(), t.getCitation().getPlanId(), t.getId());
      assertFalse(t.getMetric().isBlank(), t.getId());
      assertTrue(t.getYear() == 2023 || t.getYear() == 2025, t.getId());
    }
    for (Actual a : m.actuals()) {
      assertCitation("actual " + a.getId(), a.getCitation());
      assertEquals(a.getPlanId(), a.getCitation().getPlanId(), a.getId());
    }
  }

  @Test
  void everyCellParameterAndShockSettingCarriesProvenance() {
    for (Cell c : m.cells()) {
      CellParameters p = c.getParameters();
      assertEquals(2020, p.getBaseYear(), c.getId());
      assertProvenance(c.getId() + " base_value", p.getBaseValue());
      assertProvenance(c.getId() + " drift_mean", p.getDriftMean());
      assertProvenance(c.getId() + " drift_sd", p.getDriftSd());
      assertProvenance(c.getId() + " volatility", p.getVolatility());
      assertEquals(0, c.getEventsCount(), "no project events are seeded");
    }
    ShockSettings s = m.shocks();
    assertProvenance("city_weight", s.getCityWeight());
    assertProvenance("chain_weight", s.getChainWeight());
    assertProvenance("degrees_of_freedom", s.getDegreesOfFreedom());
    assertEquals(0.3, s.getCityWeight().getValue());
    assertEquals(0.3, s.getChainWeight().getValue());
    assertEquals(5, s.getDegreesOfFreedom().getValue());
    assertEquals(ShockDistribution.SHOCK_DISTRIBUTION_NORMAL, s.getDistribution());
  }

  @Test
  void everySimulatedTargetSelectsCellsAndEveryOtherSaysWhyNot() {
    int simulated = 0;
    for (Target t : m.targets()) {
      if (m.isSimulated(t)) {
        simulated++;
        assertTrue(
            t.getKind() == TargetKind.TARGET_KIND_OUTPUT
                || t.getKind() == TargetKind.TARGET_KIND_CHAINS_ABOVE
                || t.getKind() == TargetKind.TARGET_KIND_COUNT,
            t.getId());
        assertNotEquals(Comparison.COMPARISON_UNSPECIFIED, t.getComparison(), t.getId());
        if (t.getKind() == TargetKind.TARGET_KIND_COUNT) {
          assertFalse(m.countCellsFor(t).isEmpty(), t.getId());
        } else {
          assertFalse(m.cellsIn(t.getScope()).isEmpty(), t.getId());
        }
      } else {
        assertNotEquals(TargetKind.TARGET_KIND_OUTPUT, t.getKind(), t.getId());
      }
      if (t.getKind() == TargetKind.TARGET_KIND_COUNT) {
        // Exactly the count rows of lzbf-2023-53 附件1 (8 rows x headline + 7 counties) are
        // simulated.
        boolean annex1 =
            t.getPlanId().equals("lzbf-2023-53")
                && t.getCitation().getSection().equals("附件1 主要目标分解表");
        assertEquals(annex1, m.isSimulated(t), t.getId());
      }
    }
    assertEquals(39 + 64, simulated);
    for (JointSet j : m.jointSets()) {
      for (String id : j.getTargetIdsList()) {
        assertTrue(m.isSimulated(m.target(id).orElseThrow()), j.getId() + " " + id);
      }
    }
  }

  @Test
  void englishFieldsHoldNoChineseProse() {
    // Chinese is allowed for names of things (short runs), never for sentences.
    Pattern cjk = Pattern.compile("[\\u3000-\\u9fff\\uff00-\\uffef“”]{13,}");
    List<String> texts = new ArrayList<>();
    m.targets()
        .forEach(
            t -> {
              texts.add(t.getInterpretation());
              texts.add(t.getNotSimulatedReason());
            });
    m.actuals().forEach(a -> texts.add(a.getNote()));
    m.chains().forEach(c -> texts.add(c.getNote()));
    m.regions().forEach(r -> texts.add(r.getNote()));
    for (Cell c : m.cells()) {
      texts.add(c.getNote());
      CellParameters p = c.getParameters();
      for (Parameter q :
          List.of(p.getBaseValue(), p.getDriftMean(), p.getDriftSd(), p.getVolatility())) {
        texts.add(q.getProvenance().getReason());
        texts.add(q.getProvenance().getFormula());
      }
    }
    for (String s : texts) {
      Matcher mt = cjk.matcher(s);
      assertFalse(mt.find(), () -> "Chinese run in an English field: " + s);
    }
  }

  // ---- the numbers against the documents

  @Test
  void tenChainTargetsMatchLzf62() {
    double[][] expected = {
      {1500, 2500}, {1000, 1360}, {150, 250}, {150, 250}, {600, 800},
      {150, 250}, {200, 300}, {75, 100}, {300, 350}, {160, 210}
    };
    for (int i = 0; i < CITY_CHAINS.length; i++) {
      for (int y = 0; y < 2; y++) {
        int year = y == 0 ? 2023 : 2025;
        Target t = target("lzf62-" + CITY_CHAINS[i] + "-" + year);
        assertEquals(expected[i][y], t.getValue(), t.getId());
        assertEquals("lzf-2021-62", t.getPlanId());
        assertEquals(TargetKind.TARGET_KIND_OUTPUT, t.getKind());
        assertEquals(Comparison.COMPARISON_AT_LEAST, t.getComparison());
        assertEquals(Unit.UNIT_YI_YUAN, t.getUnit());
        assertEquals(List.of(CITY_CHAINS[i]), t.getScope().getChainIdsList());
        assertEquals(0, t.getScope().getRegionIdsCount());
      }
    }
    Target t23 = target("ten-chains-output-2023");
    assertEquals(4500, t23.getValue());
    assertEquals(Comparison.COMPARISON_GREATER_THAN, t23.getComparison());
    Target t25 = target("ten-chains-output-2025");
    assertEquals(7000, t25.getValue());
    assertEquals(Comparison.COMPARISON_AT_LEAST, t25.getComparison());
    assertEquals(List.of(CITY_CHAINS), t25.getScope().getChainIdsList());
    assertEquals(m.cityCells(), m.cellsIn(t25.getScope()));
  }

  @Test
  void chainsAboveTargetsReadCumulatively() {
    Object[][] expected = {
      {"chains-above-1000-2023", 1000, 2}, {"chains-above-500-2023", 500, 3},
      {"chains-above-100-2023", 100, 9}, {"chains-above-2000-2025", 2000, 1},
      {"chains-above-1000-2025", 1000, 2}, {"chains-above-500-2025", 500, 4}
    };
    for (Object[] e : expected) {
      Target t = target((String) e[0]);
      assertEquals(TargetKind.TARGET_KIND_CHAINS_ABOVE, t.getKind());
      assertEquals(((Integer) e[1]).doubleValue(), t.getLevel(), t.getId());
      assertEquals(((Integer) e[2]).doubleValue(), t.getValue(), t.getId());
      assertEquals(Unit.UNIT_COUNT, t.getUnit());
      assertEquals(List.of(CITY_CHAINS), t.getScope().getChainIdsList());
      assertTrue(t.getInterpretation().contains("cumulatively"));
    }
  }

  @Test
  void annex1RowsMatchLzbf53() {
    Object[][] rows = {
      {"pharma-output", 1000, new int[] {790, 200, 5, 5, 1, 1, 1}},
      {"pharma-firms-above-size", 60, new int[] {30, 15, 5, 12, 5, 2, 5}},
      {"provincial-specialised-smes", 20, new int[] {10, 5, 2, 1, 1, 0, 1}},
      {"national-innovation-platforms", 20, new int[] {18, 2, 0, 0, 0, 0, 0}},
      {"class1-new-drugs", 30, new int[] {25, 5, 0, 0, 0, 0, 0}},
      {"innovation-teams", 10, new int[] {8, 2, 0, 0, 0, 0, 0}},
      {"supporting-firms", 20, new int[] {10, 5, 4, 3, 2, 0, 2}},
      {"incubators", 5, new int[] {4, 1, 0, 0, 0, 0, 0}},
      {"public-service-platforms", 2, new int[] {2, 1, 0, 0, 0, 0, 0}},
    };
    for (int r = 0; r < rows.length; r++) {
      String stem = (String) rows[r][0];
      Target head = target(stem + "-2025");
      assertEquals(((Integer) rows[r][1]).doubleValue(), head.getValue(), stem);
      assertEquals("lzbf-2023-53", head.getPlanId());
      assertEquals("附件1 主要目标分解表", head.getCitation().getSection());
      assertTrue(head.getCitation().getRow().startsWith("row " + (r + 1) + " "), stem);
      assertEquals(List.of(COUNTIES), head.getScope().getRegionIdsList());
      int[] counties = (int[]) rows[r][2];
      for (int c = 0; c < COUNTIES.length; c++) {
        Target t = target(stem + "-2025-" + COUNTIES[c]);
        assertEquals(counties[c], t.getValue(), t.getId());
        assertEquals(head.getMetric(), t.getMetric());
        assertEquals(head.getKind(), t.getKind());
        assertEquals(Comparison.COMPARISON_AT_LEAST, t.getComparison());
        assertEquals(List.of("pharma"), t.getScope().getChainIdsList());
        assertEquals(List.of(COUNTIES[c]), t.getScope().getRegionIdsList());
      }
      boolean output = r == 0;
      assertTrue(m.isSimulated(head), stem);
      assertEquals(
          output ? TargetKind.TARGET_KIND_OUTPUT : TargetKind.TARGET_KIND_COUNT, head.getKind());
    }
    assertEquals(Comparison.COMPARISON_GREATER_THAN, target("pharma-output-2025").getComparison());
    assertEquals(
        Comparison.COMPARISON_GREATER_THAN, target("pharma-firms-above-size-2025").getComparison());
  }

  @Test
  void etdzTargetsMatchTheZonePlan() {
    assertTarget("etdz-pharma-output-2025", 1000, "pharma");
    assertTarget("etdz-materials-output-2025", 600, "zone_materials");
    assertTarget("etdz-equipment-output-2025", 200, "zone_equipment");
    Target nb = target("etdz-new-business-revenue-2025");
    assertEquals(600, nb.getValue());
    assertFalse(m.isSimulated(nb));
    assertEquals(1800, target("etdz-industrial-taxable-sales-2025").getValue());
    assertEquals(800, target("etdz-gdp-2025").getValue());
    assertEquals(300, target("etdz-firms-above-size-2025").getValue());
    assertEquals(TargetKind.TARGET_KIND_COUNT, target("etdz-firms-above-size-2025").getKind());
    assertEquals(90, target("etdz-budget-revenue-2025").getValue());
  }

  @Test
  void lzf62CountTargets() {
    assertEquals(10, target("lzf62-firms-sales-100yi-2023").getValue());
    assertEquals(12, target("lzf62-firms-sales-100yi-2025").getValue());
    assertEquals(16, target("lzf62-firms-sales-50yi-2025").getValue());
    assertEquals(60, target("lzf62-firms-sales-10yi-2025").getValue());
    assertEquals(1000, target("lzf62-new-above-size-firms-2025").getValue());
    assertEquals(350, target("lzf62-new-high-tech-firms-2025").getValue());
    assertEquals(2.6, target("lzf62-rd-ratio-2025").getValue());
  }

  @Test
  void etdzActualsMatchTheDocument() {
    assertEquals(357.1, actual("etdz-gdp-2020").getValue());
    Actual out = actual("etdz-output-2020");
    assertEquals(736.7, out.getValue());
    assertEquals(9.4, out.getGrowthPercent());
    assertEquals(42.6, actual("etdz-budget-revenue-2020").getValue());
    assertEquals(578.5, actual("etdz-leading-output-2020").getValue());
    assertEquals(78.5, actual("etdz-leading-share-2020").getValue());
    assertEquals(60, actual("etdz-pharma-share-2020").getValue());
    Actual row10 = actual("etdz-t1-10-output-growth");
    assertEquals(15, row10.getPlannedValue());
    assertEquals(9.4, row10.getValue());
    Actual row14 = actual("etdz-t1-14-firms-above-size");
    assertEquals(200, row14.getPlannedValue());
    assertEquals(117, row14.getValue());
    assertEquals(7.3, actual("etdz-t1-18-fdi").getValue());
    assertEquals(Unit.UNIT_YI_USD, actual("etdz-t1-18-fdi").getUnit());
    Actual gz = actual("city-industrial-output-2021-jan-jul");
    assertEquals(2037.52, gz.getValue());
    assertEquals(37.9, gz.getGrowthPercent());
    assertEquals("2021-01..2021-07", gz.getPeriod());
    assertEquals(183.00, actual("city-budget-revenue-2021-jan-jul").getValue());
    assertEquals(23.1, actual("city-budget-revenue-2021-jan-jul").getGrowthPercent());
  }

  // ---- every derived or formula-based cell value, recomputed from the seed

  @Test
  void pharmaEtdzBaseIsOutputTimesShare() {
    double expected =
        actual("etdz-output-2020").getValue() * actual("etdz-pharma-share-2020").getValue() / 100;
    Parameter base = cell("pharma@etdz").getParameters().getBaseValue();
    assertClose(expected, base.getValue());
    assertClose(442.02, base.getValue());
    assertEquals(ProvenanceKind.PROVENANCE_KIND_DERIVED, base.getProvenance().getKind());
    assertEquals(
        List.of(
            actual("etdz-output-2020").getCitation(),
            actual("etdz-pharma-share-2020").getCitation()),
        base.getProvenance().getCitationsList());
  }

  @Test
  void unallocatedBasesAreTheBackCastOfTheirOwnTargets() {
    for (String chain : CITY_CHAINS) {
      if (chain.equals("pharma")) {
        continue;
      }
      double expected = backcast(chain);
      Parameter base = cell(chain + "@unallocated").getParameters().getBaseValue();
      assertClose(expected, base.getValue());
      assertEquals(ProvenanceKind.PROVENANCE_KIND_ASSUMPTION, base.getProvenance().getKind());
      assertFalse(base.getProvenance().getFormula().isBlank());
      assertEquals(
          List.of(
              target("lzf62-" + chain + "-2023").getCitation(),
              target("lzf62-" + chain + "-2025").getCitation()),
          base.getProvenance().getCitationsList());
    }
  }

  @Test
  void pharmaCountyBasesShareTheBackCastByAnnex1() {
    double city = backcast("pharma");
    assertClose(630.51, Math.round(city * 100) / 100.0);
    double etdz = cell("pharma@etdz").getParameters().getBaseValue().getValue();
    double denominator = 0;
    for (String c : COUNTIES) {
      if (!c.equals("etdz")) {
        denominator += target("pharma-output-2025-" + c).getValue();
      }
    }
    assertEquals(213, denominator);
    double sum = 0;
    for (String c : COUNTIES) {
      double base = cell("pharma@" + c).getParameters().getBaseValue().getValue();
      sum += base;
      if (!c.equals("etdz")) {
        double expected =
            (city - etdz) * target("pharma-output-2025-" + c).getValue() / denominator;
        assertClose(expected, base);
      }
    }
    assertClose(city, sum);
    assertClose(188.49, Math.round((city - etdz) * 100) / 100.0);
  }

  @Test
  void zoneBasesSplitTheLeadingOutputLessPharma() {
    double expected =
        (actual("etdz-leading-output-2020").getValue()
                - cell("pharma@etdz").getParameters().getBaseValue().getValue())
            / 3;
    assertClose(expected, cell("zone_materials@etdz").getParameters().getBaseValue().getValue());
    assertClose(expected, cell("zone_equipment@etdz").getParameters().getBaseValue().getValue());
    assertClose(45.49, Math.round(expected * 100) / 100.0);
  }

  @Test
  void driftMeanIsScaledPlannedGrowthToEachCellsOwnTarget() {
    Actual row10 = actual("etdz-t1-10-output-growth");
    double r = row10.getValue() / row10.getPlannedValue();
    // each cell's own 2025 target: lzbf-2023-53 for pharma counties, etdz-14fyp for zone cells,
    // lzf-2021-62 for the other chains
    Map<String, Target> t2025 = new LinkedHashMap<>();
    for (String c : COUNTIES) {
      t2025.put("pharma@" + c, target("pharma-output-2025-" + c));
    }
    for (String chain : CITY_CHAINS) {
      if (!chain.equals("pharma")) {
        t2025.put(chain + "@unallocated", target("lzf62-" + chain + "-2025"));
      }
    }
    t2025.put("zone_materials@etdz", target("etdz-materials-output-2025"));
    t2025.put("zone_equipment@etdz", target("etdz-equipment-output-2025"));
    assertEquals(m.cells().size(), t2025.size());
    for (Map.Entry<String, Target> e : t2025.entrySet()) {
      CellParameters p = cell(e.getKey()).getParameters();
      double base = p.getBaseValue().getValue();
      double g = Math.pow(e.getValue().getValue() / base, 0.2) - 1;
      assertClose(Math.log(1 + r * g), p.getDriftMean().getValue());
      Provenance pv = p.getDriftMean().getProvenance();
      assertEquals(ProvenanceKind.PROVENANCE_KIND_ASSUMPTION, pv.getKind());
      assertTrue(pv.getFormula().startsWith("ln(1 + (9.4/15)"), e.getKey());
      assertTrue(pv.getCitationsList().contains(row10.getCitation()), e.getKey());
      assertTrue(pv.getCitationsList().contains(e.getValue().getCitation()), e.getKey());
    }
  }

  @Test
  void driftSdIsTheSampleSdOfTheRealisedGrowthRates() {
    double[] xs = new double[5];
    String[] ids = {
      "etdz-t1-08-gdp-growth",
      "etdz-t1-09-budget-revenue-growth",
      "etdz-t1-10-output-growth",
      "etdz-t1-12-fixed-investment-growth",
      "etdz-t1-13-industrial-investment-growth"
    };
    for (int i = 0; i < ids.length; i++) {
      xs[i] = actual(ids[i]).getValue() / 100;
    }
    double mean = 0;
    for (double x : xs) {
      mean += x / xs.length;
    }
    double ss = 0;
    for (double x : xs) {
      ss += (x - mean) * (x - mean);
    }
    double sd = Math.sqrt(ss / (xs.length - 1));
    assertClose(0.0333, Math.round(sd * 10000) / 10000.0);
    for (Cell c : m.cells()) {
      Parameter p = c.getParameters().getDriftSd();
      assertClose(sd, p.getValue());
      assertEquals(ProvenanceKind.PROVENANCE_KIND_DERIVED, p.getProvenance().getKind());
      assertEquals(
          Arrays.stream(ids).map(id -> actual(id).getCitation()).collect(Collectors.toList()),
          p.getProvenance().getCitationsList());
    }
  }

  @Test
  void volatilityFollowsTheSizeRule() {
    for (Cell c : m.cells()) {
      CellParameters p = c.getParameters();
      double expected = p.getBaseValue().getValue() >= 20 ? 0.10 : 0.25;
      assertEquals(expected, p.getVolatility().getValue(), c.getId());
    }
    assertEquals(0.25, cell("pharma@guannan").getParameters().getVolatility().getValue());
    assertEquals(0.10, cell("pharma@haizhou").getParameters().getVolatility().getValue());
    Citation gazette = actual("city-industrial-output-2021-jan-jul").getCitation();
    Citation row10 = actual("etdz-t1-10-output-growth").getCitation();
    for (Cell c : m.cells()) {
      assertEquals(
          List.of(row10, gazette),
          c.getParameters().getVolatility().getProvenance().getCitationsList());
    }
  }

  @Test
  void jointSetsHoldTheExpectedTargets() {
    JointSet pharma = m.jointSet("pharma-2025-breakdown").orElseThrow();
    assertEquals(8, pharma.getTargetIdsCount());
    assertEquals("pharma-output-2025", pharma.getTargetIds(0));
    for (int year : new int[] {2023, 2025}) {
      JointSet j = m.jointSet("ten-chains-" + year).orElseThrow();
      assertEquals(11, j.getTargetIdsCount());
      assertTrue(j.getTargetIdsList().contains("ten-chains-output-" + year));
    }
    assertEquals(3, m.jointSet("etdz-2025-leading").orElseThrow().getTargetIdsCount());
    assertEquals(4, m.jointSets().size());
  }

  // ---- helpers

  private double backcast(String chain) {
    double t23 = target("lzf62-" + chain + "-2023").getValue();
    double t25 = target("lzf62-" + chain + "-2025").getValue();
    return t23 / Math.pow(t25 / t23, 1.5);
  }

  private void assertTarget(String id, double value, String chain) {
    Target t = target(id);
    assertEquals(value, t.getValue(), id);
    assertEquals("etdz-14fyp", t.getPlanId());
    assertTrue(m.isSimulated(t), id);
    assertEquals(List.of(m.cell(chain + "@etdz").orElseThrow()), m.cellsIn(t.getScope()));
  }

  private Target target(String id) {
    return m.target(id).orElseThrow(() -> new AssertionError("no target " + id));
  }

  private Actual actual(String id) {
    return m.actual(id).orElseThrow(() -> new AssertionError("no actual " + id));
  }

  private Cell cell(String id) {
    return m.cell(id).orElseThrow(() -> new AssertionError("no cell " + id));
  }

  private void assertCitation(String what, Citation c) {
    assertFalse(c.getPlanId().isBlank(), what);
    assertFalse(c.getSection().isBlank(), what);
    assertFalse(c.getRow().isBlank(), what);
    assertTrue(m.plan(c.getPlanId()).isPresent(), what + ": unknown plan " + c.getPlanId());
  }

  private void assertProvenance(String what, Parameter p) {
    Provenance pv = p.getProvenance();
    for (Citation c : pv.getCitationsList()) {
      assertCitation(what, c);
    }
    switch (pv.getKind()) {
      case PROVENANCE_KIND_ASSUMPTION:
        assertFalse(pv.getReason().isBlank(), what);
        break;
      case PROVENANCE_KIND_DERIVED:
        assertFalse(pv.getFormula().isBlank(), what);
        assertTrue(pv.getCitationsCount() >= 1, what);
        break;
      case PROVENANCE_KIND_TARGET:
      case PROVENANCE_KIND_ACTUAL:
        assertEquals(1, pv.getCitationsCount(), what);
        break;
      default:
        fail(what + ": provenance kind " + pv.getKind() + " in the shipped seeds");
    }
  }

  private static void assertClose(double expected, double actual) {
    double tol = Math.max(1e-12, 1e-6 * Math.abs(expected)); // relative
    assertEquals(expected, actual, tol);
  }

  @Test
  void countCellsFollowTheirFormulas() {
    assertEquals(56, m.countCells().size());
    for (CountCell c : m.countCells()) {
      var p = c.getParameters();
      Target t =
          m.targets().stream()
              .filter(
                  x ->
                      x.getMetric().equals(c.getMetric())
                          && x.getScope().getRegionIdsList().equals(List.of(c.getRegionId())))
              .findFirst()
              .orElseThrow();
      double base = p.getBaseCount().getValue();
      if (c.getMetric().equals("pharma_firms_above_size")) {
        Target out = target("pharma-output-2025-" + c.getRegionId());
        double cellBase =
            m.cell("pharma@" + c.getRegionId())
                .orElseThrow()
                .getParameters()
                .getBaseValue()
                .getValue();
        double g = Math.pow(out.getValue() / cellBase, 1.0 / 5) - 1;
        assertEquals((double) Math.round(t.getValue() / Math.pow(1 + g, 3)), base, c.getId());
      } else {
        assertEquals(0, base, c.getId());
      }
      assertEquals(2022, p.getBaseYear(), c.getId());
      assertEquals(
          (9.4 / 15) * (t.getValue() - base) / 3, p.getYearlyRate().getValue(), 1e-12, c.getId());
      assertEquals(4, p.getRateShape().getValue(), c.getId());
    }
  }

  @Test
  void observationsFollowTheirFormulas() {
    assertEquals(2, m.observations().size());
    var etdz = m.observations().get(0);
    assertEquals("pharma@etdz", etdz.getCellId());
    assertEquals(736.7 * 0.60, etdz.getValue(), 1e-9);
    assertEquals(
        m.cell("pharma@etdz").orElseThrow().getParameters().getBaseValue().getValue(),
        etdz.getValue(),
        1e-9);
    var chains = m.observations().get(1);
    assertEquals(2021, chains.getYear());
    double base2020 =
        m.cityCells().stream().mapToDouble(c -> c.getParameters().getBaseValue().getValue()).sum();
    // A January-July figure: 7 of 12 months of the 2020 total, grown by 37.9%.
    assertEquals(base2020 * 7 / 12 * 1.379, chains.getValue(), 1e-4);
    assertEquals(1, chains.getPeriod().getFirstMonth());
    assertEquals(7, chains.getPeriod().getLastMonth());
    assertEquals(0, chains.getPeriod().getFraction(), "the share of months");
    assertTrue(chains.getRelativeError() > 0, "a transferred growth rate is not exact");
    assertEquals(
        m.cityCells(),
        m.cellsIn(chains.getGroup()),
        "the group is exactly the ten city chains' cells");
  }
}
