package chaincast.seed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chaincast.model.Model;
import chaincast.model.SeedException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedLoaderTest {

  private static final String HEADER =
      "# proto-file: chaincast/v1/model.proto\n# proto-message: chaincast.v1.Seed\n";

  @TempDir Path tmp;

  // ---- the shipped seeds

  @Test
  void shippedSeedsLoadIdenticallyFromDirectoryAndClasspath() {
    Model fromDir = SeedLoader.fromDirectory(TestSeeds.DIR);
    Model fromCp = SeedLoader.fromClasspath();
    assertEquals(fromDir.toSeed(), fromCp.toSeed());
    assertFalse(fromDir.targets().isEmpty());
    assertEquals(18, fromDir.cells().size());
  }

  @Test
  void everySeedFileIsListedAndStartsWithTheHeader() throws IOException {
    List<String> index =
        Files.readAllLines(TestSeeds.DIR.resolve(SeedLoader.INDEX)).stream()
            .map(String::strip)
            .filter(s -> !s.isEmpty() && !s.startsWith("#"))
            .collect(Collectors.toList());
    try (Stream<Path> files = Files.list(TestSeeds.DIR)) {
      List<String> onDisk =
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".textproto"))
              .sorted()
              .collect(Collectors.toList());
      assertEquals(onDisk, index.stream().sorted().collect(Collectors.toList()));
    }
    for (String n : index) {
      String text = Files.readString(TestSeeds.DIR.resolve(n), StandardCharsets.UTF_8);
      assertTrue(text.startsWith(HEADER), n + " lacks the proto-file/proto-message header");
    }
  }

  // ---- broken seeds

  @Test
  void syntaxErrorNamesFileLineAndColumn() {
    Path dir = TestSeeds.copy(tmp);
    TestSeeds.addFile(dir, "broken.textproto", HEADER + "regions {\n  id: \"x\"\n  kind: \n}\n");
    SeedException e = assertThrows(SeedException.class, () -> SeedLoader.fromDirectory(dir));
    // line 5 ends "kind:" without a value; the parser stops at the "}" on line 6
    assertTrue(e.getMessage().contains("broken.textproto:6:1: "), e.getMessage());
    assertEquals(6, e.line());
    assertEquals(1, e.column());
    assertTrue(e.file().orElseThrow().endsWith("broken.textproto"));
    assertFalse(e.problem().isBlank());
  }

  @Test
  void unknownFieldIsASyntaxError() {
    Path dir = TestSeeds.copy(tmp);
    TestSeeds.addFile(dir, "broken.textproto", HEADER + "\nregions { id: \"x\" colour: 3 }\n");
    SeedException e = assertThrows(SeedException.class, () -> SeedLoader.fromDirectory(dir));
    assertTrue(e.getMessage().contains("broken.textproto:4:"), e.getMessage());
    assertTrue(e.getMessage().contains("colour"), e.getMessage());
  }

  @Test
  void unknownChainInScopeNamesFileTargetAndField() {
    Path dir = TestSeeds.copy(tmp);
    TestSeeds.edit(
        dir,
        "targets_chains_2021.textproto",
        "scope { chain_ids: \"steel\" }",
        "scope { chain_ids: \"steal\" }");
    SeedException e = assertThrows(SeedException.class, () -> SeedLoader.fromDirectory(dir));
    assertMessage(
        e,
        "targets_chains_2021.textproto",
        "target 'lzf62-steel-2023'",
        "scope.chain_ids",
        "steal");
    assertEquals("target", e.objectKind().orElseThrow());
    assertEquals("lzf62-steel-2023", e.objectId().orElseThrow());
    assertEquals("scope.chain_ids", e.field().orElseThrow());
  }

  @Test
  void missingCitationNamesTheTarget() {
    Path dir = TestSeeds.copy(tmp);
    TestSeeds.addFile(
        dir,
        "extra.textproto",
        HEADER
            + "targets {\n  id: \"no-citation\"\n  plan_id: \"lzf-2021-62\"\n"
            + "  name { en: \"x\" }\n  kind: TARGET_KIND_OTHER\n  metric: \"m\"\n  year: 2025\n"
            + "  value: 1\n  unit: UNIT_COUNT\n  not_simulated_reason: \"test\"\n}\n");
    SeedException e = assertThrows(SeedException.class, () -> SeedLoader.fromDirectory(dir));
    assertMessage(
        e, "extra.textproto", "target 'no-citation'", "field citation", "missing citation");
  }

  @Test
  void incompleteCitationOfAnActualNamesTheMissingPart() {
    Path dir = TestSeeds.copy(tmp);
    TestSeeds.edit(dir, "actuals.textproto", "row: \"2020 地区生产总值\"", "row: \"\"");
    SeedException e = assertThrows(SeedException.class, () -> SeedLoader.fromDirectory(dir));
    assertMessage(e, "actuals.textproto", "actual 'etdz-gdp-2020'", "citation.row");
  }

  @Test
  void assumptionWithoutReasonNamesCellAndField() {
    Path dir = TestSeeds.copy(tmp);
    TestSeeds.addFile(
        dir,
        "extra.textproto",
        HEADER
            + "cells {\n  id: \"silicon@etdz\"\n  chain_id: \"silicon\"\n  region_id: \"etdz\"\n"
            + "  parameters {\n    base_year: 2020\n"
            + "    base_value { value: 1 provenance { kind: PROVENANCE_KIND_ASSUMPTION reason: \"r\" } }\n"
            + "    drift_mean { value: 0.05 provenance { kind: PROVENANCE_KIND_ASSUMPTION reason: \"r\" } }\n"
            + "    drift_sd { value: 0.03 provenance { kind: PROVENANCE_KIND_ASSUMPTION reason: \"r\" } }\n"
            + "    volatility { value: 0.1 provenance { kind: PROVENANCE_KIND_ASSUMPTION } }\n"
            + "  }\n}\n");
    SeedException e = assertThrows(SeedException.class, () -> SeedLoader.fromDirectory(dir));
    assertMessage(
        e,
        "extra.textproto",
        "cell 'silicon@etdz'",
        "parameters.volatility.provenance.reason",
        "reason");
  }

  @Test
  void derivedWithoutFormulaIsRejected() {
    Path dir = TestSeeds.copy(tmp);
    TestSeeds.edit(
        dir,
        "cells.textproto",
        "formula: \"736.7 × 60% (ETDZ 2020 industrial output above designated size × pharma share of that output)\"",
        "");
    SeedException e = assertThrows(SeedException.class, () -> SeedLoader.fromDirectory(dir));
    assertMessage(
        e, "cells.textproto", "cell 'pharma@etdz'", "parameters.base_value.provenance.formula");
  }

  @Test
  void duplicateIdAcrossFilesNamesBothFiles() {
    Path dir = TestSeeds.copy(tmp);
    TestSeeds.addFile(
        dir,
        "extra.textproto",
        HEADER + "regions { id: \"etdz\" name { en: \"again\" } kind: REGION_KIND_COUNTY }\n");
    SeedException e = assertThrows(SeedException.class, () -> SeedLoader.fromDirectory(dir));
    assertMessage(
        e, "extra.textproto", "region 'etdz'", "field id", "duplicate", "regions.textproto");
  }

  @Test
  void duplicateIdWithinAFileIsRejected() {
    Path dir = TestSeeds.copy(tmp);
    String t =
        """
        targets {
          id: "dup"
          plan_id: "lzf-2021-62"
          name { en: "x" }
          kind: TARGET_KIND_OTHER
          metric: "m"
          year: 2025
          value: 1
          unit: UNIT_COUNT
          citation { plan_id: "lzf-2021-62" section: "s" row: "r" }
          not_simulated_reason: "test"
        }
        """;
    TestSeeds.addFile(dir, "extra.textproto", HEADER + t + t);
    SeedException e = assertThrows(SeedException.class, () -> SeedLoader.fromDirectory(dir));
    assertMessage(e, "extra.textproto", "target 'dup'", "field id", "duplicate");
  }

  @Test
  void jointSetWithUnknownTargetNamesTheSettingsFile() {
    Path dir = TestSeeds.copy(tmp);
    TestSeeds.edit(
        dir,
        "settings.textproto",
        "target_ids: \"pharma-output-2025-etdz\"",
        "target_ids: \"nope\"");
    SeedException e = assertThrows(SeedException.class, () -> SeedLoader.fromDirectory(dir));
    assertMessage(
        e, "settings.textproto", "joint set 'pharma-2025-breakdown'", "target_ids", "nope");
  }

  @Test
  void shockWeightsAboveOneAreRejected() {
    Path dir = TestSeeds.copy(tmp);
    TestSeeds.edit(dir, "settings.textproto", "value: 0.3", "value: 0.8");
    SeedException e = assertThrows(SeedException.class, () -> SeedLoader.fromDirectory(dir));
    assertMessage(e, "settings.textproto", "shocks", "chain_weight");
  }

  @Test
  void simulatedTargetWithoutCellsIsRejected() {
    Path dir = TestSeeds.copy(tmp);
    TestSeeds.addFile(
        dir,
        "extra.textproto",
        HEADER
            + "targets {\n  id: \"no-cells\"\n  plan_id: \"etdz-14fyp\"\n  name { en: \"x\" }\n"
            + "  kind: TARGET_KIND_OUTPUT\n  metric: \"output\"\n  year: 2025\n  value: 1\n"
            + "  unit: UNIT_YI_YUAN\n  comparison: COMPARISON_AT_LEAST\n"
            + "  scope { chain_ids: \"zone_new_business\" }\n"
            + "  citation { plan_id: \"etdz-14fyp\" section: \"s\" row: \"r\" }\n}\n");
    SeedException e = assertThrows(SeedException.class, () -> SeedLoader.fromDirectory(dir));
    assertMessage(e, "extra.textproto", "target 'no-cells'", "field scope", "at least one cell");
  }

  @Test
  void unlistedOrMissingFilesAreRejected() throws IOException {
    Path dir = TestSeeds.copy(tmp);
    Files.writeString(dir.resolve("stray.textproto"), HEADER);
    SeedException e = assertThrows(SeedException.class, () -> SeedLoader.fromDirectory(dir));
    assertMessage(e, "stray.textproto", "not listed");

    Files.delete(dir.resolve("stray.textproto"));
    Files.delete(dir.resolve("actuals.textproto"));
    e = assertThrows(SeedException.class, () -> SeedLoader.fromDirectory(dir));
    assertMessage(e, "actuals.textproto", "missing");
  }

  @Test
  void shocksSetTwiceAreRejected() {
    Path dir = TestSeeds.copy(tmp);
    TestSeeds.addFile(
        dir, "extra.textproto", HEADER + "shocks { distribution: SHOCK_DISTRIBUTION_NORMAL }\n");
    SeedException e = assertThrows(SeedException.class, () -> SeedLoader.fromDirectory(dir));
    assertMessage(e, "extra.textproto", "shocks", "settings.textproto");
  }

  private static void assertMessage(SeedException e, String... parts) {
    for (String p : parts) {
      assertTrue(e.getMessage().contains(p), "'" + p + "' not in: " + e.getMessage());
    }
  }
}
