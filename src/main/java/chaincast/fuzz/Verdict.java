package chaincast.fuzz;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.rpc.BadRequest;
import com.google.rpc.ResourceInfo;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether an answer is one the request earned. A failed call must have a status a client can act
 * on: INVALID_ARGUMENT with a {@code google.rpc.BadRequest} naming a field the mutation changed (or
 * a parent or child of it, or a field a documented cross-field rule ties to it), NOT_FOUND with a
 * {@code google.rpc.ResourceInfo}, or a conflict or busy status; never INTERNAL, UNKNOWN or
 * anything else, and never a message that is long, names a CLI flag or shows a Java exception.
 */
final class Verdict {
  /**
   * Codes a request can earn. FAILED_PRECONDITION: deleting a dataset that a stored scenario names
   * (the fuzz's scenarios may name the datasets it stored).
   */
  static final Set<Status.Code> EARNED =
      EnumSet.of(
          Status.Code.OK,
          Status.Code.FAILED_PRECONDITION,
          Status.Code.INVALID_ARGUMENT,
          Status.Code.NOT_FOUND,
          Status.Code.ALREADY_EXISTS,
          Status.Code.ABORTED,
          Status.Code.RESOURCE_EXHAUSTED);

  /**
   * Fields tied to a mutated field by a cross-field rule: selecting a target of a later year is
   * answered on the horizon ("raise the horizon"), a horizon below a joint set's target on that
   * joint set, and a sensitivity target with more inputs on the paths its tornado would cost. A
   * calibration's cell filter needs enough years of the points for its min_history, so changing the
   * points or min_history is answered on the filtered cell that no longer has them.
   */
  private static final Map<String, List<String>> RELATED =
      Map.of(
          "spec.targets", List.of("spec.horizon_year", "spec.joint"),
          "spec.horizon_year", List.of("spec.joint", "spec.targets"),
          "spec.joint", List.of("spec.horizon_year"),
          "target_id", List.of("spec.paths"),
          "points", List.of("cell_ids"),
          "min_history", List.of("cell_ids", "points"));

  /**
   * The same, between siblings of any overrides message: removals and delays name events that the
   * seeds or {@code added_events} hold, so changing the additions (or the cell of a removal or
   * delay) is answered on them; and observations are checked against each other (a group total must
   * exceed what its cells observed on their own hold), so changing one is answered on another's
   * value. The points of a dataset likewise: a point changed to repeat another's subject, year and
   * period is answered on the later one, and a changed subject on the point's unit.
   */
  private static final Map<String, List<String>> RELATED_SIBLINGS =
      Map.of(
          "added_events", List.of("removed_events", "delayed_events"),
          "cell_id", List.of("event_id"),
          "observations", List.of("observations"),
          "points", List.of("points"));

  /** A CLI option such as {@code --server}: the API leaves options to the CLI. */
  private static final Pattern CLI_FLAG = Pattern.compile("(^|[\\s(])--[a-z]");

  /** What a Java failure leaks: exception classes and stack frames. */
  private static final Pattern JAVA_LEAK =
      Pattern.compile("Exception|java\\.|org\\.h2|\\tat |\\.java:");

  private Verdict() {}

  /**
   * Null when the answer is earned, else why not.
   *
   * @param paths the fields the mutation changed (none for an unmutated request)
   */
  static String check(Status status, Metadata trailers, List<String> paths) {
    Status.Code code = status.getCode();
    if (!EARNED.contains(code)) {
      return "status " + code + ": " + status.getDescription();
    }
    if (code == Status.Code.OK) {
      return null;
    }
    String message = status.getDescription() == null ? "" : status.getDescription();
    if (message.getBytes(StandardCharsets.UTF_8).length > 600) {
      return code + " message of " + message.length() + " characters";
    }
    if (CLI_FLAG.matcher(message).find() || JAVA_LEAK.matcher(message).find()) {
      return code + " message names a CLI flag or shows Java internals: " + message;
    }
    com.google.rpc.Status rich = StatusProto.fromStatusAndTrailers(status, trailers);
    if (rich != null && rich.getSerializedSize() > 3000) {
      return code + " status of " + rich.getSerializedSize() + " bytes";
    }
    return switch (code) {
      case INVALID_ARGUMENT -> namesAMutatedField(rich, paths);
      case NOT_FOUND ->
          has(rich, ResourceInfo.class) ? null : "NOT_FOUND without ResourceInfo: " + message;
      default -> null;
    };
  }

  private static String namesAMutatedField(com.google.rpc.Status rich, List<String> paths) {
    List<String> fields = new ArrayList<>();
    for (Any detail : rich == null ? List.<Any>of() : rich.getDetailsList()) {
      if (detail.is(BadRequest.class)) {
        try {
          detail
              .unpack(BadRequest.class)
              .getFieldViolationsList()
              .forEach(v -> fields.add(v.getField()));
        } catch (InvalidProtocolBufferException e) {
          return "BadRequest does not unpack: " + e.getMessage();
        }
      }
    }
    if (fields.isEmpty()) {
      return "INVALID_ARGUMENT without a BadRequest violation: "
          + (rich == null ? "" : rich.getMessage());
    }
    if (paths.isEmpty()) {
      return "INVALID_ARGUMENT for an unmutated request: " + fields;
    }
    for (String field : fields) {
      for (String path : paths) {
        if (related(field, path)) {
          return null;
        }
      }
    }
    return "violations " + fields + " name none of the mutated fields " + paths;
  }

  /**
   * True when {@code field} is {@code path}, an ancestor or descendant of it, or tied to it by a
   * rule.
   */
  static boolean related(String field, String path) {
    if (within(field, path) || within(path, field)) {
      return true;
    }
    for (Map.Entry<String, List<String>> rule : RELATED.entrySet()) {
      if (within(path, rule.getKey())) {
        for (String tied : rule.getValue()) {
          if (within(field, tied)) {
            return true;
          }
        }
      }
    }
    for (Map.Entry<String, List<String>> rule : RELATED_SIBLINGS.entrySet()) {
      int at = path.indexOf(rule.getKey());
      String parent = at < 0 ? null : path.substring(0, at);
      if (parent != null && (parent.isEmpty() || parent.endsWith("."))) {
        for (String tied : rule.getValue()) {
          if (within(field, parent + tied)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /**
   * True when {@code inner} is {@code outer} or lies below it: {@code outer.x}, {@code outer[3]},
   * or {@code outer (scenario 'id').overrides...} (a stored scenario's field).
   */
  static boolean within(String inner, String outer) {
    return outer.isEmpty()
        || inner.equals(outer)
        || (inner.startsWith(outer) && ".[ ".indexOf(inner.charAt(outer.length())) >= 0);
  }

  private static boolean has(com.google.rpc.Status rich, Class<? extends Message> type) {
    return rich != null && rich.getDetailsList().stream().anyMatch(d -> d.is(type));
  }
}
