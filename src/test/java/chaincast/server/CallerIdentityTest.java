package chaincast.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import chaincast.api.Caller;
import chaincast.v1.ListPlansRequest;
import chaincast.v1.ListPlansResponse;
import chaincast.v1.ModelServiceGrpc;
import chaincast.v1.Plan;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The {@link Caller} that service code sees: {@code token:NAME} with its roles when tokens are
 * checked, {@code cert:NAME} under mutual TLS, else {@code peer:HOST}. A stand-in ModelService
 * reports the caller it saw, so the test sees exactly what the real services would.
 */
class CallerIdentityTest {
  /**
   * ListPlans answers with one plan whose id is the caller's id and whose document number lists its
   * roles.
   */
  private static final class WhoAmI extends ModelServiceGrpc.ModelServiceImplBase {
    @Override
    public void listPlans(ListPlansRequest request, StreamObserver<ListPlansResponse> response) {
      Caller c = Caller.current();
      String roles = c.roles().stream().sorted().map(Enum::name).collect(Collectors.joining(","));
      response.onNext(
          ListPlansResponse.newBuilder()
              .addPlans(Plan.newBuilder().setId(c.id()).setDocumentNumber(roles))
              .build());
      response.onCompleted();
    }
  }

  private static Plan whoAmI(
      ServerInterceptor interceptor,
      ServerCredentials server,
      ChannelCredentials client,
      String token)
      throws Exception {
    NettyServerBuilder builder =
        server == null
            ? NettyServerBuilder.forAddress(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            : NettyServerBuilder.forAddress(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), server);
    Server s =
        builder.addService(ServerInterceptors.intercept(new WhoAmI(), interceptor)).build().start();
    ManagedChannel channel =
        Grpc.newChannelBuilderForAddress("localhost", s.getPort(), client).build();
    try {
      ModelServiceGrpc.ModelServiceBlockingStub stub =
          ModelServiceGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
      if (token != null) {
        Metadata headers = new Metadata();
        headers.put(AuthInterceptor.AUTHORIZATION, "Bearer " + token);
        stub = stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
      }
      return stub.listPlans(ListPlansRequest.getDefaultInstance()).getPlans(0);
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      s.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void aTokenNamesTheCallerWithItsRoles() throws Exception {
    String reader = BearerTokens.generate();
    String writer = BearerTokens.generate();
    BearerTokens tokens =
        TokenFile.parse(
            "t",
            "dashboard read "
                + BearerTokens.fileHash(reader)
                + "\nplanner write "
                + BearerTokens.fileHash(writer));
    AuthInterceptor auth = new AuthInterceptor(tokens);
    Plan r = whoAmI(auth, null, InsecureChannelCredentials.create(), reader);
    assertEquals("token:dashboard", r.getId());
    assertEquals("READ", r.getDocumentNumber());
    Plan w = whoAmI(auth, null, InsecureChannelCredentials.create(), writer);
    assertEquals("token:planner", w.getId());
    assertEquals("READ,WRITE", w.getDocumentNumber());
  }

  @Test
  void withoutTokensThePeerAddressOrClientCertificateNamesTheCaller() throws Exception {
    Plan plain = whoAmI(new CallerInterceptor(), null, InsecureChannelCredentials.create(), null);
    assertEquals("peer:127.0.0.1", plain.getId());
    assertEquals("READ,WRITE,ADMIN", plain.getDocumentNumber());

    ChannelCredentials withCert =
        TlsChannelCredentials.newBuilder()
            .trustManager(TestPki.file("ca.pem").toFile())
            .keyManager(TestPki.file("client.pem").toFile(), TestPki.file("client.key").toFile())
            .build();
    Plan mutual =
        whoAmI(new CallerInterceptor(), TestPki.serverTls(true).credentials(), withCert, null);
    assertEquals("cert:test-client", mutual.getId());
    assertEquals("READ,WRITE,ADMIN", mutual.getDocumentNumber());

    ChannelCredentials tlsOnly =
        TlsChannelCredentials.newBuilder().trustManager(TestPki.file("ca.pem").toFile()).build();
    assertEquals(
        "peer:127.0.0.1",
        whoAmI(new CallerInterceptor(), TestPki.serverTls(false).credentials(), tlsOnly, null)
            .getId());
  }
}
