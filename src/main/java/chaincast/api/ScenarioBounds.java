package chaincast.api;

import chaincast.v1.Scenario;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.util.List;
import java.util.Map;

/**
 * Size bounds of a scenario to store: every string and every repeated field, at any depth, and the
 * whole message's encoded size. Checked before anything else looks at the scenario, so that a 4 MB
 * string is refused in one line instead of being validated, echoed or stored.
 *
 * <p>It walks the message by its descriptor, so a field added to the proto later is bounded too (by
 * the defaults below) without a change here.
 */
final class ScenarioBounds {
  /** Strings not listed below: ids, names, citation parts. */
  static final int DEFAULT_STRING_CHARS = 200;

  /** Repeated fields not listed below (the overrides' lists; their total is bounded by Limits). */
  static final int DEFAULT_REPEATED = 500;

  /** Violations reported at most; a request with more is refused all the same. */
  static final int MAX_REPORTED = 20;

  private static final Map<String, Integer> STRING_CHARS =
      Map.of(
          "chaincast.v1.Scenario.id", 63,
          "chaincast.v1.Scenario.etag", 32,
          "chaincast.v1.Scenario.description", 4000,
          "chaincast.v1.Observation.source", 500,
          "chaincast.v1.Provenance.formula", 1000,
          "chaincast.v1.Provenance.reason", 1000);

  private static final Map<String, Integer> REPEATED =
      Map.of(
          "chaincast.v1.Provenance.citations", 20,
          "chaincast.v1.Scope.chain_ids", 50,
          "chaincast.v1.Scope.region_ids", 50);

  private ScenarioBounds() {}

  /** Adds a violation, field named, for each bound {@code s} (at {@code path}) exceeds. */
  static void check(Scenario s, String path, int maxScenarioBytes, Violations v) {
    int[] reported = {0};
    walk(s, path, v, reported);
    int size = s.getSerializedSize();
    if (size > maxScenarioBytes && reported[0] < MAX_REPORTED) {
      // The client cannot see the server's options: the limit in words (serve
      // --max-scenario-bytes).
      v.invalid(
          path,
          "is "
              + size
              + " bytes encoded; this server stores at most "
              + maxScenarioBytes
              + " bytes per scenario");
    }
  }

  private static void walk(Message m, String path, Violations v, int[] reported) {
    for (Map.Entry<FieldDescriptor, Object> e : m.getAllFields().entrySet()) {
      FieldDescriptor f = e.getKey();
      String p = path + "." + f.getName();
      if (f.isRepeated()) {
        List<?> values = (List<?>) e.getValue();
        int max = REPEATED.getOrDefault(f.getFullName(), DEFAULT_REPEATED);
        if (values.size() > max) {
          report(v, reported, p, "has " + values.size() + " entries; at most " + max);
          continue;
        }
        for (int i = 0; i < values.size(); i++) {
          visit(f, values.get(i), p + "[" + i + "]", v, reported);
        }
      } else {
        visit(f, e.getValue(), p, v, reported);
      }
    }
  }

  private static void visit(
      FieldDescriptor f, Object value, String path, Violations v, int[] reported) {
    switch (f.getJavaType()) {
      case STRING -> {
        int max = STRING_CHARS.getOrDefault(f.getFullName(), DEFAULT_STRING_CHARS);
        int length = ((String) value).length();
        if (length > max) {
          report(v, reported, path, "is at most " + max + " characters, got " + length);
        }
      }
      case BYTE_STRING -> {
        int length = ((ByteString) value).size();
        if (length > DEFAULT_STRING_CHARS) {
          report(v, reported, path, "is at most " + DEFAULT_STRING_CHARS + " bytes, got " + length);
        }
      }
      case MESSAGE -> walk((Message) value, path, v, reported);
      default -> {
        // numbers, booleans and enums have a fixed size
      }
    }
  }

  private static void report(Violations v, int[] reported, String field, String description) {
    if (reported[0]++ < MAX_REPORTED) {
      v.invalid(field, description);
    }
  }
}
