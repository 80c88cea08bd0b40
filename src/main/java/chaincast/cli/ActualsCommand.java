package chaincast.cli;

import chaincast.v1.Actual;
import chaincast.v1.ListActualsRequest;
import chaincast.v1.ListActualsResponse;
import chaincast.v1.ModelServiceGrpc;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code chaincast actuals}: realised figures the documents report. */
@Command(
    name = "actuals",
    mixinStandardHelpOptions = true,
    description = "List the realised figures the plan documents report.")
final class ActualsCommand extends ClientCommand {
  @Option(names = "--plan", paramLabel = "ID", description = "Only figures of this plan.")
  String planId = "";

  @Override
  int run(Connection connection) {
    ListActualsResponse r =
        withDeadline(ModelServiceGrpc.newBlockingStub(connection.channel()))
            .listActuals(ListActualsRequest.newBuilder().setPlanId(planId).build());
    Output.print(format(), r, columns(), r.getActualsList(), Terminal.out);
    return ExitCode.OK.code();
  }

  static List<Column<Actual>> columns() {
    return List.of(
        Column.text("实际 Actual", "id", Actual::getId),
        Column.text("名称 Name", "name", x -> Formats.name(x.getName())),
        Column.text("期间 Period", "period", Actual::getPeriod),
        Column.number(
            "数值 Value", "value", x -> Formats.amount(x.getValue(), x.getUnit()), Actual::getValue),
        Column.text("单位 Unit", "unit", x -> Formats.unit(x.getUnit())),
        Column.text("出处 Source", "source", x -> Formats.citation(x.getCitation())));
  }
}
