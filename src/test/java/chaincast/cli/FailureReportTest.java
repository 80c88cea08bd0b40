package chaincast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chaincast.api.ErrorReasons;
import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import com.google.rpc.ResourceInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.io.IOException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class FailureReportTest {
  @Test
  void eachStatusClassHasItsExitCode() {
    assertEquals(ExitCode.UNREACHABLE, code(Status.UNAVAILABLE));
    assertEquals(ExitCode.DEADLINE, code(Status.DEADLINE_EXCEEDED));
    assertEquals(ExitCode.REJECTED, code(Status.INVALID_ARGUMENT));
    assertEquals(ExitCode.REJECTED, code(Status.NOT_FOUND));
    assertEquals(ExitCode.REJECTED, code(Status.ABORTED));
    assertEquals(ExitCode.SERVER_ERROR, code(Status.RESOURCE_EXHAUSTED));
    assertEquals(ExitCode.SERVER_ERROR, code(Status.INTERNAL));
    assertEquals(ExitCode.SERVER_ERROR, code(Status.UNIMPLEMENTED));
    assertEquals(ExitCode.UNAUTHENTICATED, code(Status.UNAUTHENTICATED));
    assertEquals(ExitCode.PERMISSION_DENIED, code(Status.PERMISSION_DENIED));
    assertEquals(
        ExitCode.OUTPUT,
        FailureReport.of(new OutputFailure("x", new IOException()), null).exitCode());
    assertEquals(
        ExitCode.INTERNAL, FailureReport.of(new IllegalStateException("bug"), null).exitCode());
  }

  @Test
  void aStoreHeldByAnotherServerNamesTheCliOptionsThatHelp() {
    // The server's message names no option (a gRPC client has none); the CLI adds its own.
    StatusRuntimeException inUse =
        StatusProto.toStatusRuntimeException(
            com.google.rpc.Status.newBuilder()
                .setCode(Code.FAILED_PRECONDITION_VALUE)
                .setMessage("this server's scenario store is in use by another Chaincast server")
                .addDetails(
                    Any.pack(
                        ErrorInfo.newBuilder()
                            .setReason(ErrorReasons.SCENARIO_STORE_IN_USE)
                            .setDomain("chaincast.v1")
                            .build()))
                .build());
    FailureReport report = FailureReport.of(inUse, null);
    assertEquals(ExitCode.REJECTED, report.exitCode());
    assertTrue(report.message().contains("in use by another Chaincast server"), report.message());
    assertTrue(
        report.message().contains("--server HOST:PORT")
            && report.message().contains("CHAINCAST_DATA_DIR"),
        report.message());
    // Without the reason, the same words get no hint: the CLI acts on the reason, not the text.
    FailureReport plain =
        FailureReport.of(
            Status.FAILED_PRECONDITION
                .withDescription("in use by another Chaincast server")
                .asRuntimeException(),
            null);
    assertFalse(plain.message().contains("--server"), plain.message());
  }

  @Test
  void authFailuresSayWhatToDo() {
    FailureReport unauthenticated =
        FailureReport.of(
            Status.UNAUTHENTICATED
                .withDescription("the bearer token is not valid")
                .asRuntimeException(),
            "h:1");
    assertEquals(
        "the server did not accept the credentials (UNAUTHENTICATED): the bearer token is not valid. Give a valid"
            + " token with --token-file FILE, CHAINCAST_TOKEN_FILE or CHAINCAST_TOKEN",
        unauthenticated.message());
    FailureReport denied =
        FailureReport.of(
            Status.PERMISSION_DENIED.withDescription("needs the write role").asRuntimeException(),
            "h:1");
    assertEquals("not allowed (PERMISSION_DENIED): needs the write role", denied.message());
  }

  @Test
  void aTlsHandshakeFailureSaysWhatToCheckInOneLine() {
    StatusRuntimeException e =
        Status.UNAVAILABLE
            .withDescription("io exception\nChannel Pipeline: [SslHandler#0]")
            .withCause(new SSLHandshakeException("PKIX path building failed"))
            .asRuntimeException();
    FailureReport r = FailureReport.of(e, "localhost:7");
    assertEquals(ExitCode.UNREACHABLE, r.exitCode());
    assertTrue(
        r.message()
            .startsWith(
                "the TLS handshake with the server at localhost:7 failed (UNAVAILABLE: PKIX path building failed); check that --tls-ca"),
        r.message());
    FailureReport plain =
        FailureReport.of(
            Status.UNAVAILABLE
                .withDescription("io exception\nChannel Pipeline: [x]")
                .asRuntimeException(),
            "h:1");
    assertTrue(
        plain.message().contains("(UNAVAILABLE: io exception Channel Pipeline: [x])"),
        plain.message());
    assertTrue(
        plain.message().endsWith("A server with TLS needs --tls-ca FILE (or --tls)"),
        plain.message());
  }

  @Test
  void fieldViolationsAreListedWithTheirOptions() {
    com.google.rpc.Status rich =
        com.google.rpc.Status.newBuilder()
            .setCode(Code.INVALID_ARGUMENT_VALUE)
            .setMessage("2 invalid fields")
            .addDetails(
                Any.pack(
                    BadRequest.newBuilder()
                        .addFieldViolations(
                            BadRequest.FieldViolation.newBuilder()
                                .setField("spec.paths")
                                .setDescription("must be positive"))
                        .addFieldViolations(
                            BadRequest.FieldViolation.newBuilder()
                                .setField("spec.overrides[1].volatility")
                                .setDescription("too big"))
                        .build()))
            .build();
    FailureReport r = FailureReport.of(StatusProto.toStatusRuntimeException(rich), "h:1");
    assertEquals(ExitCode.REJECTED, r.exitCode());
    assertEquals(
        "the server rejected the request (INVALID_ARGUMENT): spec.paths (--paths): must be positive;"
            + " spec.overrides[1].volatility (--what-if): too big",
        r.message());
  }

  @Test
  void notFoundNamesTheResource() {
    com.google.rpc.Status rich =
        com.google.rpc.Status.newBuilder()
            .setCode(Code.NOT_FOUND_VALUE)
            .setMessage("no target 'x'")
            .addDetails(
                Any.pack(
                    ResourceInfo.newBuilder()
                        .setResourceType("target")
                        .setResourceName("x")
                        .build()))
            .build();
    FailureReport r = FailureReport.of(StatusProto.toStatusRuntimeException(rich), null);
    assertTrue(r.message().contains("no target 'x'"), r.message());
  }

  @Test
  void alreadyExistsSaysSoRatherThanNo() {
    com.google.rpc.Status rich =
        com.google.rpc.Status.newBuilder()
            .setCode(Code.ALREADY_EXISTS_VALUE)
            .setMessage("scenario 'haizhou-flat' already exists (id)")
            .addDetails(
                Any.pack(
                    ResourceInfo.newBuilder()
                        .setResourceType("scenario")
                        .setResourceName("haizhou-flat")
                        .build()))
            .build();
    FailureReport r = FailureReport.of(StatusProto.toStatusRuntimeException(rich), null);
    assertTrue(r.message().contains("scenario 'haizhou-flat' already exists"), r.message());
    assertFalse(r.message().contains("no scenario"), r.message());
  }

  @Test
  void unreachableNamesTheServerAndTheWayOut() {
    FailureReport r =
        FailureReport.of(
            new StatusRuntimeException(Status.UNAVAILABLE.withDescription("io")), "10.0.0.9:7");
    assertTrue(r.message().contains("10.0.0.9:7"), r.message());
    assertTrue(r.message().contains("chaincast serve"), r.message());
  }

  private static ExitCode code(Status s) {
    return FailureReport.of(new StatusRuntimeException(s.withDescription("d")), "h:1").exitCode();
  }
}
