package chaincast.model;

import java.util.Optional;

/**
 * A seed that cannot be used: a file that does not parse, or a merged seed that fails validation.
 *
 * <p>The message always says where: {@code file:line:column: reason} for a syntax error, {@code
 * file: kind 'id': field f: problem} for a validation error (the file is added by {@code
 * chaincast.seed.SeedLoader}; {@link Model#of} alone cannot know it). The parts are also available
 * one by one.
 */
public class SeedException extends RuntimeException {

  private final String file;
  private final int line;
  private final int column;
  private final String objectKind;
  private final String objectId;
  private final String field;
  private final String problem;

  private SeedException(
      String file,
      int line,
      int column,
      String objectKind,
      String objectId,
      String field,
      String problem,
      Throwable cause) {
    super(format(file, line, column, objectKind, objectId, field, problem), cause);
    this.file = file;
    this.line = line;
    this.column = column;
    this.objectKind = objectKind;
    this.objectId = objectId;
    this.field = field;
    this.problem = problem;
  }

  /** A problem that concerns no single object (a missing index, an unreadable file). */
  public SeedException(String message) {
    this(null, 0, 0, null, null, null, message, null);
  }

  /** A problem that concerns no single object, with its cause. */
  public SeedException(String message, Throwable cause) {
    this(null, 0, 0, null, null, null, message, cause);
  }

  /**
   * A problem with one object of the seed.
   *
   * @param objectKind what the object is: "plan", "region", "chain", "target", "actual", "cell",
   *     "joint set" or "shocks"
   * @param objectId the object's id (empty for shocks)
   * @param field the offending field, as a path inside the object, e.g. "scope.chain_ids"
   * @param problem what is wrong, for people
   */
  public static SeedException at(String objectKind, String objectId, String field, String problem) {
    return new SeedException(null, 0, 0, objectKind, objectId, field, problem, null);
  }

  /** A syntax error at {@code line:column} (1-based) of {@code file}. */
  public static SeedException syntax(
      String file, int line, int column, String reason, Throwable cause) {
    return new SeedException(file, line, column, null, null, null, reason, cause);
  }

  /** The same problem, located in {@code file}. */
  public SeedException inFile(String file) {
    return new SeedException(file, line, column, objectKind, objectId, field, problem, getCause());
  }

  /** The file, when known. */
  public Optional<String> file() {
    return Optional.ofNullable(file);
  }

  /** Line of a syntax error (1-based), 0 otherwise. */
  public int line() {
    return line;
  }

  /** Column of a syntax error (1-based), 0 otherwise. */
  public int column() {
    return column;
  }

  /** Kind of the offending object ("target", "cell", ...), when the problem concerns one. */
  public Optional<String> objectKind() {
    return Optional.ofNullable(objectKind);
  }

  /** Id of the offending object, when the problem concerns one. */
  public Optional<String> objectId() {
    return Optional.ofNullable(objectId);
  }

  /** The offending field, when the problem concerns one. */
  public Optional<String> field() {
    return Optional.ofNullable(field);
  }

  /** What is wrong, without the location. */
  public String problem() {
    return problem;
  }

  private static String format(
      String file,
      int line,
      int column,
      String objectKind,
      String objectId,
      String field,
      String problem) {
    StringBuilder sb = new StringBuilder();
    if (file != null) {
      sb.append(file);
      if (line > 0) {
        sb.append(':').append(line).append(':').append(column);
      }
      sb.append(": ");
    }
    if (objectKind != null) {
      sb.append(objectKind);
      if (objectId != null && !objectId.isEmpty()) {
        sb.append(" '").append(objectId).append('\'');
      }
      sb.append(": ");
    }
    if (field != null) {
      sb.append("field ").append(field).append(": ");
    }
    sb.append(problem);
    return sb.toString();
  }
}
