package chaincast.cli;

import chaincast.v1.ListPlansRequest;
import chaincast.v1.ListPlansResponse;
import chaincast.v1.ModelServiceGrpc;
import chaincast.v1.Plan;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code chaincast plans}: the plan documents the seeds cite. */
@Command(
    name = "plans",
    mixinStandardHelpOptions = true,
    description = "List the plan documents the seeds cite.")
final class PlansCommand extends ClientCommand {
  @Override
  int run(Connection connection) {
    ListPlansResponse r =
        withDeadline(ModelServiceGrpc.newBlockingStub(connection.channel()))
            .listPlans(ListPlansRequest.getDefaultInstance());
    Output.print(format(), r, columns(), r.getPlansList(), Terminal.out);
    return ExitCode.OK.code();
  }

  static List<Column<Plan>> columns() {
    return List.of(
        Column.text("规划 Plan", "id", Plan::getId),
        Column.text("文号 Document", "document_number", Plan::getDocumentNumber),
        Column.text("标题 Title", "title_zh", x -> x.getTitle().getZh()),
        Column.csvOnly("title_en", x -> x.getTitle().getEn()),
        Column.text("印发 Issued", "issued", Plan::getIssued),
        Column.number("Vintage", "vintage", x -> String.valueOf(x.getVintage()), Plan::getVintage));
  }
}
