package chaincast.run;

import chaincast.engine.EventSpec;
import chaincast.model.Model;
import chaincast.v1.Cell;
import chaincast.v1.EventAddition;
import chaincast.v1.EventDelay;
import chaincast.v1.EventRemoval;
import chaincast.v1.ProjectEvent;
import chaincast.v1.ScenarioOverrides;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The first stage of resolving a scenario: each cell's project events once the scenario's
 * additions, removals and delays apply, in that order (as {@code ScenarioOverrides} documents), and
 * which field of the request brought each event in or moved it, so a later check can blame that
 * field.
 */
final class EventEdits {
  private final Map<String, List<ProjectEvent>> events = new HashMap<>();
  private final Map<String, String> fields = new HashMap<>(); // "cell/event" -> field

  private EventEdits() {}

  /**
   * Applies the scenario's event changes to the seeded events.
   *
   * @throws PlanningException when an addition repeats an id or a removal or delay names an event
   *     the cell does not have
   */
  static EventEdits apply(Model model, ScenarioOverrides scenario) {
    EventEdits out = new EventEdits();
    for (Cell c : model.cells()) {
      out.events.put(c.getId(), new ArrayList<>(c.getEventsList()));
    }
    for (int i = 0; i < scenario.getAddedEventsCount(); i++) {
      out.add(scenario.getAddedEvents(i), i);
    }
    for (int i = 0; i < scenario.getRemovedEventsCount(); i++) {
      out.remove(scenario.getRemovedEvents(i), i);
    }
    for (int i = 0; i < scenario.getDelayedEventsCount(); i++) {
      out.delay(scenario.getDelayedEvents(i), i);
    }
    return out;
  }

  /** The events of a cell as the engine takes them. */
  List<EventSpec> specs(String cellId) {
    return events.get(cellId).stream()
        .map(
            e ->
                new EventSpec(
                    e.getId(),
                    e.getFirstYear(),
                    e.getLastYear(),
                    e.getYearlyProbability(),
                    e.getJumpLogMean(),
                    e.getJumpLogSd()))
        .toList();
  }

  /** The request's field that added or first delayed an event, or {@code fallback}. */
  String fieldOf(String cellId, String eventId, String fallback) {
    return fields.getOrDefault(cellId + "/" + eventId, fallback);
  }

  private void add(EventAddition a, int i) {
    List<ProjectEvent> list = events.get(a.getCellId());
    if (list.stream().anyMatch(e -> e.getId().equals(a.getEvent().getId()))) {
      throw new PlanningException(
          "added_events[" + i + "].event.id",
          "cell '"
              + a.getCellId()
              + "' already has an event "
              + ClientText.quote(a.getEvent().getId()));
    }
    list.add(a.getEvent());
    fields.put(
        a.getCellId() + "/" + a.getEvent().getId(), "added_events[" + i + "].event.jump_log_mean");
  }

  private void remove(EventRemoval r, int i) {
    if (!events.get(r.getCellId()).removeIf(e -> e.getId().equals(r.getEventId()))) {
      throw new PlanningException(
          "removed_events[" + i + "].event_id",
          "cell '" + r.getCellId() + "' has no event " + ClientText.quote(r.getEventId()));
    }
  }

  private void delay(EventDelay d, int i) {
    List<ProjectEvent> list = events.get(d.getCellId());
    int at = indexOf(list, d.getEventId());
    if (at < 0) {
      throw new PlanningException(
          "delayed_events[" + i + "].event_id",
          "cell '" + d.getCellId() + "' has no event " + ClientText.quote(d.getEventId()));
    }
    ProjectEvent e = list.get(at);
    fields.putIfAbsent(d.getCellId() + "/" + d.getEventId(), "delayed_events[" + i + "].years");
    list.set(
        at,
        e.toBuilder()
            .setFirstYear(e.getFirstYear() + d.getYears())
            .setLastYear(e.getLastYear() + d.getYears())
            .build());
  }

  private static int indexOf(List<ProjectEvent> list, String id) {
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).getId().equals(id)) {
        return i;
      }
    }
    return -1;
  }
}
