package chaincast.cli;

import chaincast.v1.CreateScenarioRequest;
import chaincast.v1.DeleteScenarioRequest;
import chaincast.v1.GetScenarioRequest;
import chaincast.v1.ListScenariosRequest;
import chaincast.v1.ListScenariosResponse;
import chaincast.v1.LocalizedName;
import chaincast.v1.Scenario;
import chaincast.v1.ScenarioOverrides;
import chaincast.v1.ScenarioServiceGrpc;
import chaincast.v1.ScenarioServiceGrpc.ScenarioServiceBlockingStub;
import chaincast.v1.UpdateScenarioRequest;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import com.google.protobuf.util.Timestamps;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code chaincast scenario ...}: stored what-ifs (ScenarioService). */
@Command(
    name = "scenario",
    mixinStandardHelpOptions = true,
    description = {
      "Store, list, show, change and delete named scenarios (what-ifs kept by the server).",
      "Simulate one with 'odds --scenario ID', compare two with 'compare'."
    },
    subcommands = {
      ScenarioCommand.ListScenarios.class,
      ScenarioCommand.Show.class,
      ScenarioCommand.Create.class,
      ScenarioCommand.Update.class,
      ScenarioCommand.Delete.class
    })
final class ScenarioCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(Terminal.out);
  }

  static ScenarioServiceBlockingStub stub(ClientCommand c, Connection connection) {
    return c.withDeadline(ScenarioServiceGrpc.newBlockingStub(connection.channel()));
  }

  /**
   * Prints one scenario: JSON as the response message, or readable text with its changes as JSON.
   */
  static void print(Scenario s, Message response, OutputFormat format) {
    switch (format) {
      case PROTO_JSON -> Output.json(response, Terminal.out);
      case JSON -> Output.tidyJson(columns(), List.of(s), Map.of(), Terminal.out);
      case CSV -> Output.csv(columns(), List.of(s), Terminal.out);
      case TABLE -> {
        Terminal.out.println("Scenario " + s.getId() + ": " + Formats.name(s.getName()));
        if (!s.getDescription().isEmpty()) {
          Terminal.out.println(s.getDescription());
        }
        Terminal.out.println("etag " + s.getEtag() + ", updated " + time(s));
        Terminal.out.println("Changes (ScenarioOverrides):");
        try {
          Terminal.out.println(JsonFormat.printer().print(s.getOverrides()));
        } catch (InvalidProtocolBufferException e) {
          throw new IllegalStateException(e);
        }
      }
    }
  }

  static List<Column<Scenario>> columns() {
    return List.of(
        Column.text("情景 Scenario", "id", Scenario::getId),
        Column.text("名称 Name", "name", s -> Formats.name(s.getName())),
        Column.number(
            "改动 Changes",
            "changes",
            s -> String.valueOf(changes(s.getOverrides())),
            s -> changes(s.getOverrides())),
        Column.text("更新 Updated", "update_time", ScenarioCommand::time),
        Column.text("etag", "etag", Scenario::getEtag),
        Column.csvOnly("description", Scenario::getDescription));
  }

  static int changes(ScenarioOverrides o) {
    return o.getCellsCount()
        + o.getCountsCount()
        + o.getAddedEventsCount()
        + o.getRemovedEventsCount()
        + o.getDelayedEventsCount()
        + o.getMacroShocksCount()
        + o.getObservationsCount();
  }

  private static String time(Scenario s) {
    return s.hasUpdateTime() ? Timestamps.toString(s.getUpdateTime()) : "";
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List the stored scenarios, in id order.")
  static final class ListScenarios extends ClientCommand {
    @Option(
        names = "--page-size",
        paramLabel = "N",
        description =
            "One page of at most N (with --page-token for the next); default: every page.")
    Integer pageSize;

    @Option(
        names = "--page-token",
        paramLabel = "TOKEN",
        description = "The next_page_token of the previous page.")
    String pageToken = "";

    @Override
    int run(Connection connection) {
      ScenarioServiceBlockingStub stub = stub(this, connection);
      ListScenariosResponse.Builder all = ListScenariosResponse.newBuilder();
      if (pageSize != null) {
        all.mergeFrom(
            stub.listScenarios(
                ListScenariosRequest.newBuilder()
                    .setPageSize(pageSize)
                    .setPageToken(pageToken)
                    .build()));
      } else {
        String token = pageToken;
        do {
          ListScenariosResponse page =
              stub.listScenarios(ListScenariosRequest.newBuilder().setPageToken(token).build());
          all.addAllScenarios(page.getScenariosList());
          token = page.getNextPageToken();
        } while (!token.isEmpty());
      }
      ListScenariosResponse r = all.build();
      Output.print(format(), r, columns(), r.getScenariosList(), Terminal.out);
      if (format() == OutputFormat.TABLE && !r.getNextPageToken().isEmpty()) {
        Terminal.out.println();
        Terminal.out.println("More: --page-token " + r.getNextPageToken());
      }
      return ExitCode.OK.code();
    }
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Show one scenario with its changes.")
  static final class Show extends ClientCommand {
    @Parameters(paramLabel = "ID", description = "The scenario id.")
    String id;

    @Override
    int run(Connection connection) {
      var r =
          stub(this, connection)
              .getScenario(GetScenarioRequest.newBuilder().setScenarioId(id).build());
      print(r.getScenario(), r, format());
      return ExitCode.OK.code();
    }
  }

  /** Name and description options shared by create and update. */
  static final class Description {
    @Option(names = "--name-zh", paramLabel = "TEXT", description = "Chinese name.")
    String nameZh;

    @Option(names = "--name-en", paramLabel = "TEXT", description = "English name.")
    String nameEn;

    @Option(names = "--description", paramLabel = "TEXT", description = "What the scenario asks.")
    String description;

    void applyTo(Scenario.Builder s) {
      LocalizedName.Builder n = s.getName().toBuilder();
      if (nameZh != null) {
        n.setZh(nameZh);
      }
      if (nameEn != null) {
        n.setEn(nameEn);
      }
      s.setName(n);
      if (description != null) {
        s.setDescription(description);
      }
    }
  }

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description = "Store a new scenario: an id, names, and its changes to the seeded model.")
  static final class Create extends ClientCommand {
    @Parameters(
        paramLabel = "ID",
        description = "New id: lower-case letters, digits and '-', starting with a letter.")
    String id;

    @Mixin Description text;

    @Mixin ScenarioChanges changes;

    @Override
    int run(Connection connection) throws IOException {
      Scenario.Builder s = Scenario.newBuilder().setId(id);
      text.applyTo(s);
      s.setOverrides(build(this, changes, ScenarioOverrides.getDefaultInstance()));
      var r =
          stub(this, connection)
              .createScenario(CreateScenarioRequest.newBuilder().setScenario(s).build());
      print(r.getScenario(), r, format());
      return ExitCode.OK.code();
    }
  }

  @Command(
      name = "update",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description = {
        "Change a stored scenario. --etag must be the one you last read: if someone changed it",
        "since, the server refuses (ABORTED) rather than overwrite their work. Options given",
        "replace; --what-if and the like add to the stored changes, --overrides replaces them."
      })
  static final class Update extends ClientCommand {
    @Parameters(paramLabel = "ID", description = "The scenario id.")
    String id;

    @Option(
        names = "--etag",
        required = true,
        paramLabel = "ETAG",
        description = "The etag last read ('scenario show').")
    String etag;

    @Mixin Description text;

    @Mixin ScenarioChanges changes;

    @Override
    int run(Connection connection) throws IOException {
      ScenarioServiceBlockingStub stub = stub(this, connection);
      Scenario current =
          stub.getScenario(GetScenarioRequest.newBuilder().setScenarioId(id).build()).getScenario();
      // The etag sent is the caller's, not the one just read: a change made
      // since the caller last looked must be refused, not overwritten.
      Scenario.Builder s = current.toBuilder().setEtag(etag).clearCreateTime().clearUpdateTime();
      text.applyTo(s);
      s.setOverrides(build(this, changes, current.getOverrides()));
      var r = stub.updateScenario(UpdateScenarioRequest.newBuilder().setScenario(s).build());
      print(r.getScenario(), r, format());
      return ExitCode.OK.code();
    }
  }

  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description = "Delete a stored scenario.")
  static final class Delete extends ClientCommand {
    @Parameters(paramLabel = "ID", description = "The scenario id.")
    String id;

    @Option(
        names = "--etag",
        paramLabel = "ETAG",
        description = "Refuse (ABORTED) if it changed since this etag.")
    String etag = "";

    @Override
    int run(Connection connection) {
      stub(this, connection)
          .deleteScenario(
              DeleteScenarioRequest.newBuilder().setScenarioId(id).setEtag(etag).build());
      Terminal.err.println("chaincast: deleted scenario " + id);
      return ExitCode.OK.code();
    }
  }

  /** The changes, with a syntax error turned into a usage error (exit 2). */
  static ScenarioOverrides build(
      ClientCommand command, ScenarioChanges changes, ScenarioOverrides base) throws IOException {
    try {
      return changes.build(base);
    } catch (IllegalArgumentException e) {
      throw command.usage(e.getMessage());
    }
  }
}
