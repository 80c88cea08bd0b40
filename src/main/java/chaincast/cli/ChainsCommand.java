package chaincast.cli;

import chaincast.v1.Chain;
import chaincast.v1.ListChainsRequest;
import chaincast.v1.ListChainsResponse;
import chaincast.v1.ModelServiceGrpc;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code chaincast chains}: the industry chains. */
@Command(
    name = "chains",
    mixinStandardHelpOptions = true,
    description = "List the industry chains.")
final class ChainsCommand extends ClientCommand {
  @Override
  int run(Connection connection) {
    ListChainsResponse r =
        withDeadline(ModelServiceGrpc.newBlockingStub(connection.channel()))
            .listChains(ListChainsRequest.getDefaultInstance());
    Output.print(format(), r, columns(), r.getChainsList(), Terminal.out);
    return ExitCode.OK.code();
  }

  static List<Column<Chain>> columns() {
    return List.of(
        Column.text("产业链 Chain", "id", Chain::getId),
        Column.text("中文", "name_zh", x -> x.getName().getZh()),
        Column.text("English", "name_en", x -> x.getName().getEn()),
        Column.text("类别 Family", "family", x -> Formats.enumName(x.getFamily())),
        Column.text("别名 Also called", "aliases", x -> String.join("; ", x.getAliasesList())),
        Column.text(
            "相关 Related", "related_chain_ids", x -> String.join(";", x.getRelatedChainIdsList())));
  }
}
