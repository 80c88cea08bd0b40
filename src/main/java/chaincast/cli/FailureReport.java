package chaincast.cli;

import chaincast.api.ErrorReasons;
import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import com.google.rpc.ResourceInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * Turns a failure into one line a person can act on and the exit code that classifies it (see
 * {@link ExitCode}). Server-side field violations are listed with the CLI option that sets the
 * field, so "spec.horizon_year" reads as "--horizon".
 */
record FailureReport(ExitCode exitCode, String message) {

  /** Request fields (by prefix) and the options that set them, most specific first. */
  private static final Map<String, String> OPTION_OF_FIELD = new LinkedHashMap<>();

  /** How the server's INVALID_ARGUMENT message counts violations its details leave out. */
  private static final Pattern MORE_VIOLATIONS =
      Pattern.compile("more \\(the first ([0-9]+) of ([0-9]+) are in the details\\)");

  static {
    OPTION_OF_FIELD.put("spec.precision.half_width", "--precision");
    OPTION_OF_FIELD.put("spec.precision.max_paths", "--max-paths");
    OPTION_OF_FIELD.put("spec.paths", "--paths");
    OPTION_OF_FIELD.put("spec.horizon_year", "--horizon");
    OPTION_OF_FIELD.put("spec.percentiles", "--percentiles");
    OPTION_OF_FIELD.put("spec.overrides", "--what-if");
    OPTION_OF_FIELD.put("spec.targets.target_ids", "--target");
    OPTION_OF_FIELD.put("spec.targets.plan_id", "--plan");
    OPTION_OF_FIELD.put("spec.targets.year", "--year");
    OPTION_OF_FIELD.put("spec.targets.chain_id", "--chain");
    OPTION_OF_FIELD.put("spec.targets.region_id", "--region");
    OPTION_OF_FIELD.put("spec.targets", "--target");
    OPTION_OF_FIELD.put("spec.fans", "the fan's subject option");
    OPTION_OF_FIELD.put("spec.joint", "--joint");
    OPTION_OF_FIELD.put("spec.shock_distribution", "--shocks");
  }

  /** Classifies {@code failure}; {@code server} names the server for "cannot reach" messages. */
  static FailureReport of(Throwable failure, String server) {
    if (Interruption.interrupted()) {
      return new FailureReport(
          ExitCode.INTERRUPTED, "interrupted: the call was cancelled on the server");
    }
    StatusRuntimeException sre = find(failure, StatusRuntimeException.class);
    if (sre != null) {
      return ofStatus(sre, server);
    }
    OutputFailure output = find(failure, OutputFailure.class);
    if (output != null) {
      return new FailureReport(ExitCode.OUTPUT, output.getMessage());
    }
    return new FailureReport(
        ExitCode.INTERNAL, "unexpected failure (please report it): " + failure);
  }

  private static FailureReport ofStatus(StatusRuntimeException e, String server) {
    Status status = e.getStatus();
    String description = status.getDescription() == null ? "" : status.getDescription();
    String code = status.getCode().name();
    SSLException tls = find(e, SSLException.class);
    switch (status.getCode()) {
      case UNAVAILABLE:
        if (tls != null) {
          return new FailureReport(
              ExitCode.UNREACHABLE,
              "the TLS handshake with the server at "
                  + server
                  + " failed (UNAVAILABLE: "
                  + oneLine(tls.getMessage())
                  + "); check that --tls-ca holds the CA that signed the server's certificate, that the host"
                  + " in --server is a name in that certificate, and that the server speaks TLS");
        }
        return new FailureReport(
            ExitCode.UNREACHABLE,
            "cannot reach the server at "
                + (server == null ? "the in-process address" : server)
                + " (UNAVAILABLE: "
                + oneLine(description)
                + "); is it running? Start one with 'chaincast serve', or leave out --server"
                + (server == null ? "" : ". A server with TLS needs --tls-ca FILE (or --tls)"));
      case UNAUTHENTICATED:
        return new FailureReport(
            ExitCode.UNAUTHENTICATED,
            "the server did not accept the credentials (UNAUTHENTICATED): "
                + description
                + ". Give a valid token with --token-file FILE, CHAINCAST_TOKEN_FILE or CHAINCAST_TOKEN");
      case PERMISSION_DENIED:
        return new FailureReport(
            ExitCode.PERMISSION_DENIED, "not allowed (PERMISSION_DENIED): " + description);
      case DEADLINE_EXCEEDED:
        return new FailureReport(
            ExitCode.DEADLINE,
            "no answer within the deadline (DEADLINE_EXCEEDED); the server stopped the run."
                + " Raise --timeout or ask for fewer --paths");
      case CANCELLED:
        return new FailureReport(
            ExitCode.INTERRUPTED, "the call was cancelled (CANCELLED): " + description);
      case INVALID_ARGUMENT:
      case NOT_FOUND:
      case FAILED_PRECONDITION:
      case OUT_OF_RANGE:
      case ALREADY_EXISTS:
      case ABORTED:
        return new FailureReport(
            ExitCode.REJECTED,
            "the server rejected the request (" + code + "): " + details(e, description));
      case RESOURCE_EXHAUSTED:
        return new FailureReport(
            ExitCode.SERVER_ERROR,
            "the server is busy (RESOURCE_EXHAUSTED): " + description + "; try again shortly");
      default:
        return new FailureReport(
            ExitCode.SERVER_ERROR, "server error (" + code + "): " + description);
    }
  }

  /**
   * The field violations, each with its option, or the resource not found; else the description.
   */
  private static String details(StatusRuntimeException e, String description) {
    com.google.rpc.Status rich = StatusProto.fromThrowable(e);
    if (rich == null) {
      return description;
    }
    List<String> parts = new ArrayList<>();
    for (Any detail : rich.getDetailsList()) {
      try {
        if (detail.is(BadRequest.class)) {
          for (BadRequest.FieldViolation v :
              detail.unpack(BadRequest.class).getFieldViolationsList()) {
            parts.add(v.getField() + optionHint(v.getField()) + ": " + v.getDescription());
          }
        } else if (detail.is(ErrorInfo.class)
            && detail
                .unpack(ErrorInfo.class)
                .getReason()
                .equals(ErrorReasons.SCENARIO_STORE_IN_USE)) {
          // The server cannot name this CLI's options; the CLI can.
          parts.add(
              description
                  + " (--server HOST:PORT sends the call to the server that holds it; CHAINCAST_DATA_DIR gives"
                  + " the CLI's own server another directory)");
        } else if (detail.is(ResourceInfo.class)
            && e.getStatus().getCode() != Status.Code.NOT_FOUND) {
          // ALREADY_EXISTS and the like: the server's own sentence says what is wrong.
          parts.add(description);
        } else if (detail.is(ResourceInfo.class)) {
          ResourceInfo r = detail.unpack(ResourceInfo.class);
          parts.add(
              "no "
                  + r.getResourceType()
                  + " '"
                  + r.getResourceName()
                  + "'"
                  + (r.getDescription().isEmpty() ? "" : " (" + r.getDescription() + ")"));
        }
      } catch (InvalidProtocolBufferException ignored) {
        // a malformed detail adds nothing a person could use; the description remains
      }
    }
    Matcher more = MORE_VIOLATIONS.matcher(description);
    if (!parts.isEmpty() && more.find()) {
      // The details list the first violations only; the count of all is in the description.
      long listed = Long.parseLong(more.group(1));
      long total = Long.parseLong(more.group(2));
      parts.add("and " + (total - listed) + " more not listed (" + total + " in all)");
    }
    return parts.isEmpty() ? description : String.join("; ", parts);
  }

  static String optionHint(String field) {
    for (Map.Entry<String, String> e : OPTION_OF_FIELD.entrySet()) {
      if (field.startsWith(e.getKey())) {
        return " (" + e.getValue() + ")";
      }
    }
    return "";
  }

  /** The CLI reports in one line; some transport messages span several. */
  private static String oneLine(String text) {
    return text == null ? "" : text.replaceAll("\\s*\\R\\s*", " ").strip();
  }

  private static <T extends Throwable> T find(Throwable t, Class<T> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    return null;
  }
}
