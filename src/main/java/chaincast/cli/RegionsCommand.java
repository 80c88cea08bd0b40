package chaincast.cli;

import chaincast.v1.ListRegionsRequest;
import chaincast.v1.ListRegionsResponse;
import chaincast.v1.ModelServiceGrpc;
import chaincast.v1.Region;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code chaincast regions}: the counties, districts and function zones. */
@Command(
    name = "regions",
    mixinStandardHelpOptions = true,
    description = "List the counties, districts and function zones.")
final class RegionsCommand extends ClientCommand {
  @Override
  int run(Connection connection) {
    ListRegionsResponse r =
        withDeadline(ModelServiceGrpc.newBlockingStub(connection.channel()))
            .listRegions(ListRegionsRequest.getDefaultInstance());
    Output.print(format(), r, columns(), r.getRegionsList(), Terminal.out);
    return ExitCode.OK.code();
  }

  static List<Column<Region>> columns() {
    return List.of(
        Column.text("区域 Region", "id", Region::getId),
        Column.text("中文", "name_zh", x -> x.getName().getZh()),
        Column.text("English", "name_en", x -> x.getName().getEn()),
        Column.text("类型 Kind", "kind", x -> Formats.enumName(x.getKind())));
  }
}
