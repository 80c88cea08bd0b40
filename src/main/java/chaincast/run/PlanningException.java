package chaincast.run;

/**
 * A request whose fields are each valid but do not fit the model together, e.g. a removal of
 * an event the cell does not have, or a group total smaller than its cells observed on their
 * own. Names the field, relative to the {@code ScenarioOverrides} (e.g.
 * {@code removed_events[0].event_id}), so the API can answer INVALID_ARGUMENT with it.
 */
public final class PlanningException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String field;

  public PlanningException(String field, String message) {
    super(field + ": " + message);
    this.field = field;
  }

  /** The offending field, relative to the overrides message. */
  public String field() {
    return field;
  }

  /** The description without the field. */
  public String description() {
    return getMessage().substring(field.length() + 2);
  }
}
