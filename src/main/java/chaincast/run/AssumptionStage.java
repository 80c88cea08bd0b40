package chaincast.run;

import chaincast.v1.AssumptionInUse;
import chaincast.v1.Provenance;
import chaincast.v1.ProvenanceKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The stage that lists the parameters a run rests on that a person should know about: every one an
 * override sets, and every seeded one whose provenance is an assumption, for the cells and count
 * cells the run's targets and fans read (in model order).
 */
final class AssumptionStage {
  private AssumptionStage() {}

  /** The assumptions in use among {@code usedCells} and {@code usedCounts} (positions). */
  static List<AssumptionInUse> of(
      EffectiveParameters params, Set<Integer> usedCells, Set<Integer> usedCounts) {
    List<AssumptionInUse> out = new ArrayList<>();
    for (int i : usedCells) {
      EffectiveParameters.CellValues c = params.cell(i);
      c.all().forEach(v -> add(out, c.id(), v));
    }
    for (int k : usedCounts) {
      EffectiveParameters.CountValues c = params.count(k);
      c.all().forEach(v -> add(out, c.id(), v));
    }
    return out;
  }

  private static void add(List<AssumptionInUse> out, String cellId, EffectiveParameters.Value v) {
    if (v.overridden()) {
      out.add(
          AssumptionInUse.newBuilder()
              .setCellId(cellId)
              .setParameter(v.name())
              .setValue(v.value())
              .setProvenance(
                  Provenance.newBuilder()
                      .setKind(ProvenanceKind.PROVENANCE_KIND_OVERRIDE)
                      .setReason(
                          "set by this request; the seeded value is " + v.seeded().getValue()))
              .build());
    } else if (v.seeded().getProvenance().getKind() == ProvenanceKind.PROVENANCE_KIND_ASSUMPTION) {
      out.add(
          AssumptionInUse.newBuilder()
              .setCellId(cellId)
              .setParameter(v.name())
              .setValue(v.value())
              .setProvenance(v.seeded().getProvenance())
              .build());
    }
  }
}
