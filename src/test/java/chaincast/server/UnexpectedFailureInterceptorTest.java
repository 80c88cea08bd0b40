package chaincast.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chaincast.api.InternalErrors;
import chaincast.api.LogCapture;
import chaincast.v1.ListPlansRequest;
import chaincast.v1.ListPlansResponse;
import chaincast.v1.ModelServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/** A handler that throws (a bug) answers INTERNAL with an error id, not grpc-java's UNKNOWN. */
class UnexpectedFailureInterceptorTest {
  /** A service with a bug: it throws, with internals in the message. */
  static final class Throwing extends ModelServiceGrpc.ModelServiceImplBase {
    @Override
    public void listPlans(ListPlansRequest request, StreamObserver<ListPlansResponse> observer) {
      throw new IllegalStateException("bug at /srv/chaincast/secret.txt");
    }
  }

  static StatusRuntimeException call(boolean guarded) throws Exception {
    String name = InProcessServerBuilder.generateName();
    var service =
        guarded
            ? ServerInterceptors.intercept(new Throwing(), new UnexpectedFailureInterceptor())
            : new Throwing().bindService();
    Server server = InProcessServerBuilder.forName(name).addService(service).build().start();
    ManagedChannel channel = InProcessChannelBuilder.forName(name).build();
    try {
      return assertThrows(
          StatusRuntimeException.class,
          () ->
              ModelServiceGrpc.newBlockingStub(channel)
                  .listPlans(ListPlansRequest.getDefaultInstance()));
    } finally {
      channel.shutdownNow();
      server.shutdownNow();
    }
  }

  @Test
  void withoutTheInterceptorGrpcAnswersUnknown() throws Exception {
    assertEquals(Status.Code.UNKNOWN, call(false).getStatus().getCode());
  }

  @Test
  void withItTheClientGetsInternalWithAnIdAndTheLogTheTrace() throws Exception {
    try (LogCapture log = new LogCapture()) {
      StatusRuntimeException e = call(true);
      assertEquals(Status.Code.INTERNAL, e.getStatus().getCode());
      String message = e.getStatus().getDescription();
      assertTrue(message.matches("internal error; reference [0-9a-f]{12}"), message);
      assertFalse(message.contains("secret"));
      var severe = log.at(Level.SEVERE, InternalErrors.class.getName());
      assertEquals(1, severe.size());
      assertTrue(severe.get(0).getMessage().contains(message.substring(message.length() - 12)));
      assertTrue(severe.get(0).getMessage().contains("chaincast.v1.ModelService/ListPlans"));
      assertEquals(IllegalStateException.class, severe.get(0).getThrown().getClass());
    }
  }
}
