package chaincast.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chaincast.seed.SeedLoader;
import chaincast.v1.Cell;
import chaincast.v1.Citation;
import chaincast.v1.Parameter;
import chaincast.v1.Provenance;
import chaincast.v1.ProvenanceKind;
import chaincast.v1.Scope;
import chaincast.v1.Seed;
import chaincast.v1.Target;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ModelTest {

  private static final Model M = SeedLoader.fromDirectory(Path.of("seeds"));

  @Test
  void indexesEveryKindById() {
    assertEquals(4, M.plans().size());
    assertEquals(8, M.regions().size());
    assertEquals(13, M.chains().size());
    assertEquals(18, M.cells().size());
    assertEquals(2023, M.plan("lzbf-2023-53").orElseThrow().getVintage());
    assertEquals("市开发区", M.region("etdz").orElseThrow().getName().getZh());
    assertEquals("生物医药", M.chain("pharma").orElseThrow().getName().getZh());
    assertEquals(790, M.target("pharma-output-2025-etdz").orElseThrow().getValue());
    assertEquals(736.7, M.actual("etdz-output-2020").orElseThrow().getValue());
    assertEquals("pharma", M.cell("pharma@etdz").orElseThrow().getChainId());
    assertTrue(M.plan("nope").isEmpty());
    assertTrue(M.cell("pharma@nowhere").isEmpty());
    assertTrue(M.jointSet("ten-chains-2025").isPresent());
  }

  @Test
  void cellsInFollowsTheScopeRule() {
    Scope pharmaAll = Scope.newBuilder().addChainIds("pharma").build();
    assertEquals(7, M.cellsIn(pharmaAll).size());
    assertEquals(M.cellsOfChain("pharma"), M.cellsIn(pharmaAll));
    Scope pharmaTwo =
        Scope.newBuilder()
            .addChainIds("pharma")
            .addRegionIds("haizhou")
            .addRegionIds("etdz")
            .build();
    assertEquals(
        List.of("pharma@etdz", "pharma@haizhou"),
        M.cellsIn(pharmaTwo).stream().map(Cell::getId).collect(Collectors.toList()),
        "model order, not scope order");
    assertTrue(M.cellsIn(Scope.newBuilder().addRegionIds("etdz").build()).isEmpty());
    assertTrue(M.cellsIn(Scope.getDefaultInstance()).isEmpty());
    assertEquals(
        List.of("pharma@etdz", "zone_materials@etdz", "zone_equipment@etdz"),
        M.cellsOfRegion("etdz").stream().map(Cell::getId).collect(Collectors.toList()));
    assertEquals(9, M.cellsOfRegion("unallocated").size());
    assertTrue(M.cellsOfChain("zone_new_business").isEmpty());
  }

  @Test
  void cityCellsAreThoseOfTheTenCityChains() {
    assertEquals(16, M.cityCells().size());
    assertTrue(M.cityCells().stream().noneMatch(c -> c.getChainId().startsWith("zone_")));
    Target ten = M.target("ten-chains-output-2023").orElseThrow();
    assertEquals(M.cityCells(), M.cellsIn(ten.getScope()));
  }

  @Test
  void isSimulatedReadsTheReason() {
    assertTrue(M.isSimulated(M.target("pharma-output-2025").orElseThrow()));
    assertTrue(M.isSimulated(M.target("pharma-firms-above-size-2025").orElseThrow()));
    assertFalse(M.isSimulated(M.target("etdz-firms-above-size-2025").orElseThrow()));
    assertEquals(39 + 64, M.simulatedTargets().size());
  }

  @Test
  void isImmutableAndRoundTrips() {
    assertThrows(UnsupportedOperationException.class, () -> M.targets().clear());
    assertThrows(
        UnsupportedOperationException.class, () -> M.cells().add(Cell.getDefaultInstance()));
    assertThrows(UnsupportedOperationException.class, () -> M.cityCells().clear());
    assertThrows(
        UnsupportedOperationException.class,
        () -> M.cellsIn(Scope.newBuilder().addChainIds("pharma").build()).clear());
    Model again = Model.of(M.toSeed());
    assertEquals(M.toSeed(), again.toSeed());
    assertEquals(M.cells(), again.cells());
  }

  @Test
  void ofReportsObjectAndFieldWithoutAFile() {
    Seed dup =
        M.toSeed().toBuilder().addTargets(M.target("lzf62-steel-2025").orElseThrow()).build();
    SeedException e = assertThrows(SeedException.class, () -> Model.of(dup));
    assertEquals("target", e.objectKind().orElseThrow());
    assertEquals("lzf62-steel-2025", e.objectId().orElseThrow());
    assertEquals("id", e.field().orElseThrow());
    assertTrue(e.file().isEmpty());

    Seed badPlan =
        M.toSeed().toBuilder()
            .setTargets(0, M.toSeed().getTargets(0).toBuilder().setPlanId("nope"))
            .build();
    e = assertThrows(SeedException.class, () -> Model.of(badPlan));
    assertEquals("plan_id", e.field().orElseThrow());

    Seed badCell = withVolatility(-0.1);
    e = assertThrows(SeedException.class, () -> Model.of(badCell));
    assertEquals("pharma@etdz", e.objectId().orElseThrow());
    assertEquals("parameters.volatility.value", e.field().orElseThrow());

    Seed badId =
        M.toSeed().toBuilder()
            .setCells(0, M.toSeed().getCells(0).toBuilder().setId("pharma-etdz"))
            .build();
    e = assertThrows(SeedException.class, () -> Model.of(badId));
    assertTrue(e.getMessage().contains("pharma@etdz"), e.getMessage());

    Seed unspecified = withVolatilityProvenance(Provenance.getDefaultInstance());
    e = assertThrows(SeedException.class, () -> Model.of(unspecified));
    assertEquals("parameters.volatility.provenance.kind", e.field().orElseThrow());

    Seed badCitation =
        withVolatilityProvenance(
            Provenance.newBuilder()
                .setKind(ProvenanceKind.PROVENANCE_KIND_ASSUMPTION)
                .setReason("r")
                .addCitations(Citation.newBuilder().setPlanId("nope").setSection("s").setRow("r"))
                .build());
    e = assertThrows(SeedException.class, () -> Model.of(badCitation));
    assertEquals("parameters.volatility.provenance.citations[0].plan_id", e.field().orElseThrow());
  }

  private static Seed withVolatility(double v) {
    Seed s = M.toSeed();
    Cell c = s.getCells(0);
    Parameter p = c.getParameters().getVolatility().toBuilder().setValue(v).build();
    return s.toBuilder()
        .setCells(0, c.toBuilder().setParameters(c.getParameters().toBuilder().setVolatility(p)))
        .build();
  }

  private static Seed withVolatilityProvenance(Provenance pv) {
    Seed s = M.toSeed();
    Cell c = s.getCells(0);
    Parameter p = c.getParameters().getVolatility().toBuilder().setProvenance(pv).build();
    return s.toBuilder()
        .setCells(0, c.toBuilder().setParameters(c.getParameters().toBuilder().setVolatility(p)))
        .build();
  }
}
