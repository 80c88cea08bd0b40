package chaincast.cli;

import chaincast.v1.SimulateRequest;
import chaincast.v1.SimulateStreamRequest;
import chaincast.v1.SimulateStreamResponse;
import chaincast.v1.SimulationReport;
import chaincast.v1.SimulationServiceGrpc.SimulationServiceBlockingStub;
import chaincast.v1.SimulationSpec;
import java.util.Iterator;

/**
 * One simulation call: unary when nobody watches, the streaming RPC when a progress bar is shown.
 * Either way it runs in the command's cancellable context (see {@link ClientCommand}), so Ctrl-C
 * cancels it on the server.
 */
final class SimulationCall {
  private SimulationCall() {}

  static SimulationReport run(
      SimulationServiceBlockingStub stub, SimulationSpec spec, ProgressBar progress)
      throws Exception {
    try {
      return progress == null ? unary(stub, spec) : streamed(stub, spec, progress);
    } finally {
      if (progress != null) {
        progress.finish();
      }
    }
  }

  private static SimulationReport unary(SimulationServiceBlockingStub stub, SimulationSpec spec) {
    return stub.simulate(SimulateRequest.newBuilder().setSpec(spec).build()).getReport();
  }

  private static SimulationReport streamed(
      SimulationServiceBlockingStub stub, SimulationSpec spec, ProgressBar progress) {
    Iterator<SimulateStreamResponse> events =
        stub.simulateStream(SimulateStreamRequest.newBuilder().setSpec(spec).build());
    while (events.hasNext()) {
      SimulateStreamResponse event = events.next();
      switch (event.getEventCase()) {
        case PROGRESS -> progress.update(event.getProgress());
        case REPORT -> {
          return event.getReport();
        }
        default -> {
          // a newer server's event kind: nothing to show for it
        }
      }
    }
    throw new IllegalStateException("the server closed the stream without a report");
  }
}
