package chaincast.cli;

import chaincast.api.DatasetServiceImpl;
import chaincast.v1.Actual;
import chaincast.v1.ActualPoint;
import chaincast.v1.CreateDatasetRequest;
import chaincast.v1.Dataset;
import chaincast.v1.DatasetServiceGrpc;
import chaincast.v1.DatasetServiceGrpc.DatasetServiceBlockingStub;
import chaincast.v1.DeleteDatasetRequest;
import chaincast.v1.GetDatasetRequest;
import chaincast.v1.ListActualsRequest;
import chaincast.v1.ListActualsResponse;
import chaincast.v1.ListDatasetsRequest;
import chaincast.v1.ListDatasetsResponse;
import chaincast.v1.LocalizedName;
import chaincast.v1.ModelServiceGrpc;
import com.google.protobuf.ByteString;
import com.google.protobuf.util.Timestamps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code chaincast actuals}: realised figures the documents report; with a subcommand, the datasets
 * of actuals a planner imports (DatasetService).
 */
@Command(
    name = "actuals",
    mixinStandardHelpOptions = true,
    description = {
      "List the realised figures the plan documents report.",
      "Subcommands import, list, show and delete datasets of actuals (e.g. a statistical",
      "yearbook's series) that scenarios calibrate from (overrides.dataset_id)."
    },
    subcommands = {
      ActualsCommand.Import.class,
      ActualsCommand.Datasets.class,
      ActualsCommand.Show.class,
      ActualsCommand.Delete.class
    })
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

  static DatasetServiceBlockingStub stub(ClientCommand c, Connection connection) {
    return c.withDeadline(DatasetServiceGrpc.newBlockingStub(connection.channel()));
  }

  /** A dataset's points; the CSV rendering is the import format, so it can be imported again. */
  static List<Column<ActualPoint>> pointColumns() {
    return List.of(
        Column.text("对象 Subject", "subject_id", ActualPoint::getSubjectId),
        Column.number("年 Year", "year", p -> String.valueOf(p.getYear()), ActualPoint::getYear),
        Column.number(
            "数值 Value",
            "value",
            p -> String.format(Locale.ROOT, "%,.2f", p.getValue()),
            ActualPoint::getValue),
        Column.text("单位 Unit", "unit", ActualPoint::getUnit),
        Column.text("期间 Period", "period", ActualsCommand::period),
        Column.text("出处 Source", "source", ActualPoint::getSource),
        Column.number(
            "误差 Rel. error",
            "relative_error",
            p -> p.getRelativeError() == 0 ? "" : String.valueOf(p.getRelativeError()),
            p -> p.getRelativeError() == 0 ? "" : p.getRelativeError()));
  }

  /** "" for a full year, "M1-M2" for part of one (the CSV form). */
  static String period(ActualPoint p) {
    return p.hasPeriod() ? p.getPeriod().getFirstMonth() + "-" + p.getPeriod().getLastMonth() : "";
  }

  static List<Column<Dataset>> datasetColumns() {
    return List.of(
        Column.text("数据集 Dataset", "id", Dataset::getId),
        Column.text("名称 Name", "name", d -> Formats.name(d.getName())),
        Column.number(
            "点数 Points",
            "point_count",
            d -> String.valueOf(d.getPointCount()),
            Dataset::getPointCount),
        Column.text(
            "导入 Imported",
            "create_time",
            d -> d.hasCreateTime() ? Timestamps.toString(d.getCreateTime()) : ""),
        Column.text("etag", "etag", Dataset::getEtag),
        Column.csvOnly("description", Dataset::getDescription));
  }

  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description = {
        "Import a CSV file of actuals as a new dataset. Header row required; columns",
        "subject_id,year,value,unit[,period,source,relative_error] (see README, 'Datasets of",
        "actuals'). At most 1 MiB and 20000 rows. If any row is wrong, nothing is stored and",
        "every problem is listed with its row and column."
      })
  static final class Import extends ClientCommand {
    @Parameters(paramLabel = "FILE.csv", description = "The CSV file (UTF-8).")
    Path file;

    @Option(
        names = "--id",
        required = true,
        paramLabel = "ID",
        description = "New dataset id: lower-case letters, digits and '-', starting with a letter.")
    String id;

    @Option(names = "--name-zh", paramLabel = "TEXT", description = "Chinese name.")
    String nameZh = "";

    @Option(names = "--name-en", paramLabel = "TEXT", description = "English name.")
    String nameEn = "";

    @Option(
        names = "--description",
        paramLabel = "TEXT",
        description = "Where the figures come from.")
    String description = "";

    @Override
    int run(Connection connection) throws IOException {
      byte[] csv = read();
      var r =
          stub(this, connection)
              .createDataset(
                  CreateDatasetRequest.newBuilder()
                      .setDataset(
                          Dataset.newBuilder()
                              .setId(id)
                              .setName(LocalizedName.newBuilder().setZh(nameZh).setEn(nameEn))
                              .setDescription(description))
                      .setCsv(ByteString.copyFrom(csv))
                      .build());
      Dataset d = r.getDataset();
      if (format() == OutputFormat.TABLE) {
        Terminal.out.println(
            "imported dataset "
                + d.getId()
                + ": "
                + d.getPointCount()
                + " points, etag "
                + d.getEtag());
      } else {
        Output.print(format(), r, datasetColumns(), List.of(d), Terminal.out);
      }
      return ExitCode.OK.code();
    }

    /** The file's bytes; a missing, unreadable or oversized file is a usage error (exit 2). */
    private byte[] read() {
      try {
        long size = Files.size(file);
        if (size > DatasetServiceImpl.MAX_CSV_BYTES) {
          throw usage(
              file
                  + " is "
                  + size
                  + " bytes; a dataset file may have at most "
                  + DatasetServiceImpl.MAX_CSV_BYTES
                  + " bytes (1 MiB): split it into several datasets");
        }
        return Files.readAllBytes(file);
      } catch (IOException e) {
        throw usage("cannot read " + file + ": " + e);
      }
    }
  }

  @Command(
      name = "datasets",
      mixinStandardHelpOptions = true,
      description = "List the stored datasets of actuals, in id order.")
  static final class Datasets extends ClientCommand {
    @Override
    int run(Connection connection) {
      DatasetServiceBlockingStub stub = stub(this, connection);
      ListDatasetsResponse.Builder all = ListDatasetsResponse.newBuilder();
      String token = "";
      do {
        ListDatasetsResponse page =
            stub.listDatasets(ListDatasetsRequest.newBuilder().setPageToken(token).build());
        all.addAllDatasets(page.getDatasetsList());
        token = page.getNextPageToken();
      } while (!token.isEmpty());
      ListDatasetsResponse r = all.build();
      Output.print(format(), r, datasetColumns(), r.getDatasetsList(), Terminal.out);
      return ExitCode.OK.code();
    }
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = {
        "Show one dataset's points. --format csv writes the import format, so the output can be",
        "edited and imported again under another id."
      })
  static final class Show extends ClientCommand {
    @Parameters(paramLabel = "ID", description = "The dataset id.")
    String id;

    @Override
    int run(Connection connection) {
      var r =
          stub(this, connection)
              .getDataset(GetDatasetRequest.newBuilder().setDatasetId(id).build());
      Dataset d = r.getDataset();
      if (format() == OutputFormat.TABLE) {
        Terminal.out.println(
            "Dataset "
                + d.getId()
                + ": "
                + Formats.name(d.getName())
                + " ("
                + d.getPointCount()
                + " points, etag "
                + d.getEtag()
                + ")");
        if (!d.getDescription().isEmpty()) {
          Terminal.out.println(d.getDescription());
        }
      }
      Output.print(format(), r, pointColumns(), d.getPointsList(), Terminal.out);
      return ExitCode.OK.code();
    }
  }

  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description = "Delete a stored dataset (refused while stored scenarios name it).")
  static final class Delete extends ClientCommand {
    @Parameters(paramLabel = "ID", description = "The dataset id.")
    String id;

    @Option(
        names = "--etag",
        paramLabel = "ETAG",
        description = "Refuse (ABORTED) if it changed since this etag.")
    String etag = "";

    @Override
    int run(Connection connection) {
      stub(this, connection)
          .deleteDataset(DeleteDatasetRequest.newBuilder().setDatasetId(id).setEtag(etag).build());
      Terminal.err.println("chaincast: deleted dataset " + id);
      return ExitCode.OK.code();
    }
  }
}
