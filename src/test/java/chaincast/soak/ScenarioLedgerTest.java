package chaincast.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;

import chaincast.soak.ScenarioLedger.Op;
import chaincast.soak.ScenarioLedger.Problem;
import chaincast.v1.LocalizedName;
import chaincast.v1.Scenario;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The crash tests' ledger finds every kind of broken promise, and accepts either outcome of a write
 * whose answer a kill swallowed; otherwise the crash tests could pass without checking.
 */
class ScenarioLedgerTest {
  static Scenario sent(String id, String text) {
    return Scenario.newBuilder()
        .setId(id)
        .setName(LocalizedName.newBuilder().setEn(id))
        .setDescription(text)
        .build();
  }

  static Scenario stored(Scenario sent, String etag) {
    return sent.toBuilder().setEtag(etag).build();
  }

  /** A ledger where "a" was created (v1) and updated (v2), and "b" created (v3) then deleted. */
  static ScenarioLedger ledger() {
    ScenarioLedger l = new ScenarioLedger();
    l.begin("a", Op.CREATE, sent("a", "1"));
    l.acknowledged("a", stored(sent("a", "1"), "v1"));
    l.begin("a", Op.UPDATE, sent("a", "2"));
    l.acknowledged("a", stored(sent("a", "2"), "v2"));
    l.begin("b", Op.CREATE, sent("b", "1"));
    l.acknowledged("b", stored(sent("b", "1"), "v3"));
    l.begin("b", Op.DELETE, null);
    l.acknowledged("b", null);
    return l;
  }

  static Map<Problem, Integer> after(ScenarioLedger l, Map<String, Scenario> store) {
    l.reconcile(store);
    return l.problems();
  }

  static Map<Problem, Integer> only(Problem p, int n) {
    Map<Problem, Integer> m = new HashMap<>();
    for (Problem q : Problem.values()) {
      m.put(q, q == p ? n : 0);
    }
    return m;
  }

  @Test
  void theAcknowledgedStateIsClean() {
    assertEquals(only(Problem.LOST, 0), after(ledger(), Map.of("a", stored(sent("a", "2"), "v2"))));
  }

  @Test
  void aMissingOrOlderScenarioIsLost() {
    assertEquals(only(Problem.LOST, 1), after(ledger(), Map.of()));
    assertEquals(only(Problem.LOST, 1), after(ledger(), Map.of("a", stored(sent("a", "1"), "v1"))));
  }

  @Test
  void aDeletedScenarioThatIsBackIsResurrected() {
    assertEquals(
        only(Problem.RESURRECTED, 1),
        after(
            ledger(),
            Map.of("a", stored(sent("a", "2"), "v2"), "b", stored(sent("b", "1"), "v3"))));
  }

  @Test
  void otherContentUnderTheAcknowledgedEtagIsHalfWritten() {
    assertEquals(
        only(Problem.HALF_WRITTEN, 1), after(ledger(), Map.of("a", stored(sent("a", "2x"), "v2"))));
  }

  @Test
  void aScenarioNoWriteCreatedIsAPhantom() {
    assertEquals(
        only(Problem.PHANTOM, 1),
        after(
            ledger(),
            Map.of("a", stored(sent("a", "2"), "v2"), "z", stored(sent("z", "1"), "v9"))));
  }

  @Test
  void anEtagIssuedTwiceIsReused() {
    ScenarioLedger l = ledger();
    l.begin("c", Op.CREATE, sent("c", "1"));
    l.acknowledged("c", stored(sent("c", "1"), "v2"));
    assertEquals(only(Problem.ETAG_REUSED, 1), l.problems());
  }

  @Test
  void aWriteInFlightAtTheKillMayHaveLandedOrNot() {
    ScenarioLedger landed = ledger();
    landed.begin("a", Op.UPDATE, sent("a", "3"));
    assertEquals(only(Problem.LOST, 0), after(landed, Map.of("a", stored(sent("a", "3"), "v4"))));
    assertEquals(1, landed.landedUnacknowledged());

    ScenarioLedger notLanded = ledger();
    notLanded.begin("a", Op.DELETE, null);
    assertEquals(
        only(Problem.LOST, 0), after(notLanded, Map.of("a", stored(sent("a", "2"), "v2"))));
    ScenarioLedger deleted = ledger();
    deleted.begin("a", Op.DELETE, null);
    assertEquals(only(Problem.LOST, 0), after(deleted, Map.of()));

    // Landed, but with an etag already issued: reuse.
    ScenarioLedger reissued = ledger();
    reissued.begin("a", Op.UPDATE, sent("a", "3"));
    assertEquals(
        only(Problem.ETAG_REUSED, 1), after(reissued, Map.of("a", stored(sent("a", "3"), "v3"))));
    // Neither outcome: lost.
    ScenarioLedger neither = ledger();
    neither.begin("a", Op.UPDATE, sent("a", "3"));
    assertEquals(only(Problem.LOST, 1), after(neither, Map.of("a", stored(sent("a", "1"), "v1"))));
  }
}
