package chaincast.server;

import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** One "list services" request over server reflection, sent the way grpcurl sends it. */
final class ReflectionProbe {
  private ReflectionProbe() {}

  /**
   * Lists the server's services.
   *
   * @param stub the reflection stub, with whatever credentials the test gives it
   * @return the first {@link ServerReflectionResponse}, or the {@link Throwable} the call ended
   *     with
   */
  static Object listServices(ServerReflectionGrpc.ServerReflectionStub stub) throws Exception {
    CompletableFuture<Object> answer = new CompletableFuture<>();
    StreamObserver<ServerReflectionRequest> requests =
        stub.serverReflectionInfo(
            new StreamObserver<>() {
              @Override
              public void onNext(ServerReflectionResponse value) {
                answer.complete(value);
              }

              @Override
              public void onError(Throwable t) {
                answer.complete(t);
              }

              @Override
              public void onCompleted() {}
            });
    requests.onNext(ServerReflectionRequest.newBuilder().setListServices("*").build());
    Object result = answer.get(60, TimeUnit.SECONDS); // a safety net only
    requests.onCompleted();
    return result;
  }
}
