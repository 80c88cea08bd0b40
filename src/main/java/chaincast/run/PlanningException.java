package chaincast.run;

/**
 * A request whose fields are each valid but do not fit the model together, e.g. a removal of an
 * event the cell does not have, or a group total smaller than its cells observed on their own.
 * Names the field, relative to the {@code ScenarioOverrides} (e.g. {@code
 * removed_events[0].event_id}), so the API can answer INVALID_ARGUMENT with it.
 */
public final class PlanningException extends RuntimeException {
  /** Serial form version: the field and the message. */
  private static final long serialVersionUID = 1L;

  /** The offending field, relative to the overrides message (part of the serial form). */
  private final String field;

  /**
   * A misfit of {@code field}.
   *
   * @param field the offending field, relative to the overrides message (e.g. {@code
   *     observations[0].value})
   * @param message what does not fit, for a person
   */
  public PlanningException(String field, String message) {
    super(field + ": " + message);
    this.field = field;
  }

  /** {@return the offending field, relative to the overrides message} */
  public String field() {
    return field;
  }

  /** {@return the description without the field} */
  public String description() {
    return getMessage().substring(field.length() + 2);
  }
}
