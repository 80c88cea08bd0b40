package chaincast.cli;

import chaincast.v1.Cell;
import chaincast.v1.CellParameters;
import chaincast.v1.ListCellsRequest;
import chaincast.v1.ListCellsResponse;
import chaincast.v1.ModelServiceGrpc;
import chaincast.v1.Parameter;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code chaincast cells}: the growth model's cells and where each parameter comes from. */
@Command(
    name = "cells",
    mixinStandardHelpOptions = true,
    description =
        "List the model's (chain, region) cells: base output, drift, volatility and their provenance.")
final class CellsCommand extends ClientCommand {
  @Option(names = "--chain", paramLabel = "ID", description = "Only cells of this chain.")
  String chainId = "";

  @Option(names = "--region", paramLabel = "ID", description = "Only cells of this region.")
  String regionId = "";

  @Override
  int run(Connection connection) {
    ListCellsResponse r =
        withDeadline(ModelServiceGrpc.newBlockingStub(connection.channel()))
            .listCells(
                ListCellsRequest.newBuilder().setChainId(chainId).setRegionId(regionId).build());
    Output.print(format(), r, columns(), r.getCellsList(), Terminal.out);
    if (format() == OutputFormat.TABLE) {
      Terminal.out.println();
      Terminal.out.println(
          "Base in 亿元 (100 million yuan); drift = mean log growth a year (± its per-path sd); vol = sd of the"
              + " yearly shock. Kind: T target, A actual, D derived, S assumption, O override.");
    }
    return ExitCode.OK.code();
  }

  static List<Column<Cell>> columns() {
    return List.of(
        Column.text("单元 Cell", "id", Cell::getId),
        Column.number(
            "基年 Base year",
            "base_year",
            c -> String.valueOf(p(c).getBaseYear()),
            c -> p(c).getBaseYear()),
        param("基数 Base", "base_value_yi_yuan", CellParameters::getBaseValue, "%,.1f"),
        param("漂移 Drift", "drift_mean", CellParameters::getDriftMean, "%.4f"),
        param("漂移sd Drift sd", "drift_sd", CellParameters::getDriftSd, "%.4f"),
        param("波动 Vol", "volatility", CellParameters::getVolatility, "%.4f"),
        Column.number(
            "事件 Events", "events", c -> String.valueOf(c.getEventsCount()), Cell::getEventsCount),
        Column.csvOnly("base_value_source", c -> source(p(c).getBaseValue())),
        Column.csvOnly("drift_mean_source", c -> source(p(c).getDriftMean())),
        Column.csvOnly("drift_sd_source", c -> source(p(c).getDriftSd())),
        Column.csvOnly("volatility_source", c -> source(p(c).getVolatility())));
  }

  private static CellParameters p(Cell c) {
    return c.getParameters();
  }

  /** A parameter: its value and, in the table, a one-letter provenance kind. */
  private static Column<Cell> param(
      String header, String csvName, Function<CellParameters, Parameter> get, String fmt) {
    return Column.number(
        header,
        csvName,
        c ->
            String.format(Locale.ROOT, fmt, get.apply(p(c)).getValue())
                + " "
                + kindLetter(get.apply(p(c))),
        c -> get.apply(p(c)).getValue());
  }

  private static String kindLetter(Parameter p) {
    return switch (p.getProvenance().getKind()) {
      case PROVENANCE_KIND_TARGET -> "T";
      case PROVENANCE_KIND_ACTUAL -> "A";
      case PROVENANCE_KIND_DERIVED -> "D";
      case PROVENANCE_KIND_ASSUMPTION -> "S";
      case PROVENANCE_KIND_OVERRIDE -> "O";
      default -> "?";
    };
  }

  /** Provenance for CSV: kind, citations, then formula or reason. */
  private static String source(Parameter p) {
    StringBuilder b = new StringBuilder(Formats.enumName(p.getProvenance().getKind()));
    String cites = Formats.citations(p.getProvenance());
    if (!cites.isEmpty()) {
      b.append(": ").append(cites);
    }
    if (!p.getProvenance().getFormula().isEmpty()) {
      b.append(" | formula: ").append(p.getProvenance().getFormula());
    }
    if (!p.getProvenance().getReason().isEmpty()) {
      b.append(" | reason: ").append(p.getProvenance().getReason());
    }
    return b.toString();
  }
}
