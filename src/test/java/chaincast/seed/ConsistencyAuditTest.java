package chaincast.seed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chaincast.model.Model;
import chaincast.v1.AuditFinding;
import chaincast.v1.FindingKind;
import chaincast.v1.Seed;
import chaincast.v1.Target;
import chaincast.v1.Unit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ConsistencyAuditTest {

  private static final FindingKind BREAKDOWN = FindingKind.FINDING_KIND_BREAKDOWN;
  private static final FindingKind CROSS_PLAN = FindingKind.FINDING_KIND_CROSS_PLAN;
  private static final FindingKind SIZE_CLASS = FindingKind.FINDING_KIND_SIZE_CLASS;
  private static final FindingKind RELATED = FindingKind.FINDING_KIND_RELATED_SCOPE;

  private final Model m = TestSeeds.model();
  private final List<AuditFinding> findings = ConsistencyAudit.run(m);

  /** kind, headline id, headline value, compared value, unit, year. */
  private record Expected(
      FindingKind kind, String headline, double head, double compared, Unit unit, int year) {}

  private static final List<Expected> MISMATCHES =
      List.of(
          new Expected(BREAKDOWN, "pharma-output-2025", 1000, 1003, Unit.UNIT_YI_YUAN, 2025),
          new Expected(BREAKDOWN, "pharma-firms-above-size-2025", 60, 74, Unit.UNIT_COUNT, 2025),
          new Expected(BREAKDOWN, "supporting-firms-2025", 20, 26, Unit.UNIT_COUNT, 2025),
          new Expected(BREAKDOWN, "public-service-platforms-2025", 2, 3, Unit.UNIT_COUNT, 2025),
          new Expected(BREAKDOWN, "ten-chains-output-2023", 4500, 4285, Unit.UNIT_YI_YUAN, 2023),
          new Expected(BREAKDOWN, "ten-chains-output-2025", 7000, 6370, Unit.UNIT_YI_YUAN, 2025),
          new Expected(CROSS_PLAN, "pharma-output-2025", 1000, 1360, Unit.UNIT_YI_YUAN, 2025),
          new Expected(CROSS_PLAN, "pharma-output-2025-etdz", 790, 1000, Unit.UNIT_YI_YUAN, 2025),
          new Expected(SIZE_CLASS, "chains-above-500-2025", 4, 3, Unit.UNIT_COUNT, 2025),
          new Expected(RELATED, "etdz-materials-output-2025", 600, 710, Unit.UNIT_YI_YUAN, 2025),
          new Expected(RELATED, "etdz-equipment-output-2025", 200, 350, Unit.UNIT_YI_YUAN, 2025));

  @Test
  void reportsExactlyTheExpectedMismatches() {
    List<AuditFinding> bad =
        findings.stream().filter(f -> !f.getConsistent()).collect(Collectors.toList());
    assertEquals(
        MISMATCHES.stream().map(e -> e.kind() + " " + e.headline()).collect(Collectors.toList()),
        bad.stream()
            .map(f -> f.getKind() + " " + f.getHeadlineTargetId())
            .collect(Collectors.toList()));
    for (int i = 0; i < bad.size(); i++) {
      Expected e = MISMATCHES.get(i);
      AuditFinding f = bad.get(i);
      String what = e.kind() + " " + e.headline();
      assertEquals(e.head(), f.getHeadlineValue(), what);
      assertEquals(e.compared(), f.getComparedValue(), what);
      assertEquals(e.compared() - e.head(), f.getDifference(), 1e-9, what);
      assertEquals((e.compared() - e.head()) / e.head(), f.getRelativeDifference(), 1e-12, what);
      assertEquals(e.unit(), f.getUnit(), what);
      assertEquals(e.year(), f.getYear(), what);
      assertFalse(f.getExplanation().isBlank(), what);
      assertTrue(f.getExplanation().contains(num(e.head())), what + ": " + f.getExplanation());
      assertTrue(f.getExplanation().contains(num(e.compared())), what + ": " + f.getExplanation());
    }
  }

  @Test
  void breakdownPartsAreTheCountyColumnsOrTheTenChains() {
    AuditFinding row1 = find(BREAKDOWN, "pharma-output-2025");
    assertEquals(
        List.of(
            "pharma-output-2025-etdz",
            "pharma-output-2025-haizhou",
            "pharma-output-2025-guannan",
            "pharma-output-2025-ganyu",
            "pharma-output-2025-donghai",
            "pharma-output-2025-guanyun",
            "pharma-output-2025-lianyun"),
        row1.getPartTargetIdsList());
    AuditFinding chains = find(BREAKDOWN, "ten-chains-output-2025");
    assertEquals(10, chains.getPartTargetIdsCount());
    assertTrue(chains.getPartTargetIdsList().contains("lzf62-pharma-2025"));
    assertEquals(-630, chains.getDifference(), 1e-9);
    assertEquals(-0.09, chains.getRelativeDifference(), 1e-12);
  }

  @Test
  void matchingAnnex1RowsAreReportedAsConsistent() {
    Map<String, Double> expected = new TreeMap<>();
    expected.put("provincial-specialised-smes-2025", 20.0);
    expected.put("national-innovation-platforms-2025", 20.0);
    expected.put("class1-new-drugs-2025", 30.0);
    expected.put("innovation-teams-2025", 10.0);
    expected.put("incubators-2025", 5.0);
    Map<String, Double> good = new TreeMap<>();
    for (AuditFinding f : findings) {
      if (f.getKind() == BREAKDOWN && f.getConsistent()) {
        good.put(f.getHeadlineTargetId(), f.getComparedValue());
        assertEquals(0, f.getDifference());
        assertEquals(0, f.getRelativeDifference());
        assertEquals(7, f.getPartTargetIdsCount());
        assertEquals(f.getHeadlineValue(), f.getComparedValue());
      }
    }
    assertEquals(expected, good);
  }

  @Test
  void sizeClassesOfThePlanOwnTargets() {
    Map<String, double[]> expected = new TreeMap<>();
    expected.put("chains-above-1000-2023", new double[] {2, 2});
    expected.put("chains-above-500-2023", new double[] {3, 3});
    expected.put("chains-above-100-2023", new double[] {9, 9});
    expected.put("chains-above-2000-2025", new double[] {1, 1});
    expected.put("chains-above-1000-2025", new double[] {2, 2});
    expected.put("chains-above-500-2025", new double[] {4, 3});
    List<AuditFinding> size =
        findings.stream().filter(f -> f.getKind() == SIZE_CLASS).collect(Collectors.toList());
    assertEquals(expected.size(), size.size());
    for (AuditFinding f : size) {
      double[] e = expected.get(f.getHeadlineTargetId());
      assertEquals(e[0], f.getHeadlineValue(), f.getHeadlineTargetId());
      assertEquals(e[1], f.getComparedValue(), f.getHeadlineTargetId());
      assertEquals(e[1] >= e[0], f.getConsistent(), f.getHeadlineTargetId());
      assertEquals((int) e[1], f.getPartTargetIdsCount());
    }
    assertEquals(
        List.of("lzf62-petrochem-2025", "lzf62-pharma-2025", "lzf62-steel-2025"),
        find(SIZE_CLASS, "chains-above-500-2025").getPartTargetIdsList());
  }

  @Test
  void crossPlanHeadlineIsTheNewestVintage() {
    AuditFinding city = find(CROSS_PLAN, "pharma-output-2025");
    assertEquals(List.of("lzf62-pharma-2025"), city.getPartTargetIdsList());
    assertEquals(0.36, city.getRelativeDifference(), 1e-12);
    AuditFinding etdz = find(CROSS_PLAN, "pharma-output-2025-etdz");
    assertEquals(List.of("etdz-pharma-output-2025"), etdz.getPartTargetIdsList());
    assertEquals(210, etdz.getDifference(), 1e-9);
    assertEquals(2, findings.stream().filter(f -> f.getKind() == CROSS_PLAN).count());
  }

  @Test
  void relatedScopeSumsTheRelatedCityChains() {
    assertEquals(
        List.of("lzf62-hp_fibre-2025", "lzf62-chem_materials-2025", "lzf62-info-2025"),
        find(RELATED, "etdz-materials-output-2025").getPartTargetIdsList());
    AuditFinding eq = find(RELATED, "etdz-equipment-output-2025");
    assertEquals(
        List.of("lzf62-equipment-2025", "lzf62-new_energy-2025"), eq.getPartTargetIdsList());
    assertTrue(eq.getExplanation().contains("equipment 100"), eq.getExplanation());
  }

  @Test
  void findingsComeInAStableOrder() {
    assertEquals(findings, ConsistencyAudit.run(TestSeeds.model()));
    assertEquals(findings, ConsistencyAudit.run(Model.of(m.toSeed())));
    List<FindingKind> kinds = new ArrayList<>();
    for (AuditFinding f : findings) {
      if (kinds.isEmpty() || kinds.get(kinds.size() - 1) != f.getKind()) {
        kinds.add(f.getKind());
      }
    }
    assertEquals(List.of(BREAKDOWN, CROSS_PLAN, SIZE_CLASS, RELATED), kinds);
    assertEquals(11 + 2 + 6 + 2, findings.size());
  }

  @Test
  void partsThatDoNotCoverTheHeadlineGiveNoBreakdown() {
    // Drop two county columns of row 1: the remaining five no longer tile the headline.
    Seed.Builder b = m.toSeed().toBuilder();
    List<Target> kept =
        b.getTargetsList().stream()
            .filter(
                t ->
                    !Set.of("pharma-output-2025-lianyun", "pharma-output-2025-guanyun")
                        .contains(t.getId()))
            .collect(Collectors.toList());
    b.clearTargets().addAllTargets(kept);
    b.clearJointSets();
    List<AuditFinding> fs = ConsistencyAudit.run(Model.of(b.build()));
    assertTrue(
        fs.stream()
            .noneMatch(
                f ->
                    f.getKind() == BREAKDOWN
                        && f.getHeadlineTargetId().equals("pharma-output-2025")));
    assertTrue(
        fs.stream()
            .anyMatch(
                f ->
                    f.getKind() == CROSS_PLAN
                        && f.getHeadlineTargetId().equals("pharma-output-2025")));
  }

  private AuditFinding find(FindingKind kind, String headline) {
    return findings.stream()
        .filter(f -> f.getKind() == kind && f.getHeadlineTargetId().equals(headline))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " finding for " + headline));
  }

  private static String num(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }
}
