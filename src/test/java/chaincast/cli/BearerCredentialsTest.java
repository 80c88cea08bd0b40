package chaincast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chaincast.v1.ModelServiceGrpc;
import io.grpc.Attributes;
import io.grpc.CallCredentials;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.SecurityLevel;
import io.grpc.Status;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The token goes out over TLS or to loopback only, and never shows in a message. */
class BearerCredentialsTest {
  private static final String TOKEN = "cct_secret-token-value";

  /**
   * What the credentials did for a call to {@code authority}: the headers applied, or the failure.
   */
  private static Object apply(String authority, SecurityLevel level) {
    AtomicReference<Object> outcome = new AtomicReference<>();
    new BearerCredentials(TOKEN)
        .applyRequestMetadata(
            new CallCredentials.RequestInfo() {
              @Override
              public MethodDescriptor<?, ?> getMethodDescriptor() {
                return ModelServiceGrpc.getListPlansMethod();
              }

              @Override
              public SecurityLevel getSecurityLevel() {
                return level;
              }

              @Override
              public String getAuthority() {
                return authority;
              }

              @Override
              public Attributes getTransportAttrs() {
                return Attributes.EMPTY;
              }
            },
            Runnable::run,
            new CallCredentials.MetadataApplier() {
              @Override
              public void apply(Metadata headers) {
                outcome.set(headers);
              }

              @Override
              public void fail(Status status) {
                outcome.set(status);
              }
            });
    return outcome.get();
  }

  @Test
  void overTlsTheTokenIsSentAsBearer() {
    Object o = apply("chaincast.example.org:443", SecurityLevel.PRIVACY_AND_INTEGRITY);
    assertTrue(o instanceof Metadata, String.valueOf(o));
    assertEquals("Bearer " + TOKEN, ((Metadata) o).get(BearerCredentials.AUTHORIZATION));
  }

  @Test
  void overPlaintextOnlyToLoopback() {
    for (String local : new String[] {"127.0.0.1:50051", "localhost:1", "[::1]:50051"}) {
      assertTrue(apply(local, SecurityLevel.NONE) instanceof Metadata, local);
    }
    for (String remote :
        new String[] {"192.0.2.7:50051", "[2001:db8::1]:50051", "no-such-host.invalid:1"}) {
      Object o = apply(remote, SecurityLevel.NONE);
      assertTrue(o instanceof Status, remote);
      Status s = (Status) o;
      assertEquals(Status.Code.UNAUTHENTICATED, s.getCode());
      assertTrue(
          s.getDescription().startsWith("not sending the token to " + remote + " over plaintext"),
          s.getDescription());
      assertTrue(s.getDescription().contains("--tls-ca FILE"));
      assertFalse(s.getDescription().contains(TOKEN));
    }
  }

  @Test
  void theTokenIsNotInToString() {
    assertFalse(new BearerCredentials(TOKEN).toString().contains(TOKEN));
  }
}
