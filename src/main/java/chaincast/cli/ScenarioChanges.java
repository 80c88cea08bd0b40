package chaincast.cli;

import chaincast.v1.CellOverride;
import chaincast.v1.EventDelay;
import chaincast.v1.EventRemoval;
import chaincast.v1.MacroShock;
import chaincast.v1.Observation;
import chaincast.v1.Provenance;
import chaincast.v1.ProvenanceKind;
import chaincast.v1.ScenarioOverrides;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * A scenario's changes from the command line: a JSON file of {@code ScenarioOverrides} (protobuf's
 * JSON mapping) for anything, and options for the common cases. Syntax is checked here; ids, ranges
 * and years are the server's to judge.
 */
final class ScenarioChanges {
  @Option(
      names = "--overrides",
      paramLabel = "FILE",
      description =
          "ScenarioOverrides as JSON (protobuf's mapping; '-' reads stdin); the options below add to it.")
  Path overridesFile;

  @Option(
      names = "--what-if",
      paramLabel = "CELL:PARAM=VALUE,...",
      converter = WhatIf.class,
      description =
          "A cell's parameters (repeatable): base_value (亿元), drift_mean, drift_sd, volatility.")
  List<CellOverride> cells = List.of();

  @Option(
      names = "--macro-shock",
      paramLabel = "ID:WHERE:YEAR:CHANGE",
      description = {
        "A change of level from a year on (repeatable), WHERE = city, chain=ID, region=ID or cell=ID,",
        "CHANGE relative: city-dip:city:2024:-0.10 is -10%% city-wide in 2024."
      })
  List<String> macroShocks = List.of();

  @Option(
      names = "--observe",
      paramLabel = "CELL:YEAR=VALUE[:SOURCE]",
      description = "An observed output of a cell in a year, 亿元, with its source (repeatable).")
  List<String> observations = List.of();

  @Option(
      names = "--dataset",
      paramLabel = "ID",
      description = {
        "A dataset of actuals to calibrate from (see 'actuals import'): cells with series are",
        "estimated from it, its other points are weighed as observations."
      })
  String dataset;

  @Option(
      names = "--delay-event",
      paramLabel = "CELL:EVENT:YEARS",
      description = "Move a project event (repeatable).")
  List<String> delays = List.of();

  @Option(
      names = "--remove-event",
      paramLabel = "CELL:EVENT",
      description = "Remove a project event (repeatable).")
  List<String> removals = List.of();

  /** True when no change was given at all. */
  boolean isEmpty() {
    return overridesFile == null
        && cells.isEmpty()
        && macroShocks.isEmpty()
        && observations.isEmpty()
        && dataset == null
        && delays.isEmpty()
        && removals.isEmpty();
  }

  /**
   * The changes as one message, on top of {@code base} (the file's content when given replaces
   * {@code base}).
   *
   * @throws IllegalArgumentException with a message naming the option
   */
  ScenarioOverrides build(ScenarioOverrides base) throws IOException {
    ScenarioOverrides.Builder b = base.toBuilder();
    if (overridesFile != null) {
      b = ScenarioOverrides.newBuilder();
      String json =
          overridesFile.toString().equals("-")
              ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
              : Files.readString(overridesFile);
      try {
        JsonFormat.parser().merge(json, b);
      } catch (InvalidProtocolBufferException e) {
        throw new IllegalArgumentException(
            "--overrides " + overridesFile + " is not ScenarioOverrides JSON: " + e.getMessage());
      }
    }
    b.addAllCells(cells);
    for (String s : macroShocks) {
      b.addMacroShocks(macroShock(s));
    }
    for (String s : observations) {
      b.addObservations(observation(s));
    }
    if (dataset != null) {
      b.setDatasetId(dataset);
    }
    for (String s : delays) {
      String[] p = s.split(":", -1);
      if (p.length != 3) {
        throw new IllegalArgumentException("--delay-event '" + s + "' is not CELL:EVENT:YEARS");
      }
      b.addDelayedEvents(
          EventDelay.newBuilder()
              .setCellId(p[0])
              .setEventId(p[1])
              .setYears(integer(p[2], "--delay-event", s)));
    }
    for (String s : removals) {
      String[] p = s.split(":", -1);
      if (p.length != 2) {
        throw new IllegalArgumentException("--remove-event '" + s + "' is not CELL:EVENT");
      }
      b.addRemovedEvents(EventRemoval.newBuilder().setCellId(p[0]).setEventId(p[1]));
    }
    return b.build();
  }

  static MacroShock macroShock(String s) {
    String[] p = s.split(":", -1);
    if (p.length != 4) {
      throw new IllegalArgumentException("--macro-shock '" + s + "' is not ID:WHERE:YEAR:CHANGE");
    }
    MacroShock.Builder m =
        MacroShock.newBuilder()
            .setId(p[0])
            .setYear(integer(p[2], "--macro-shock", s))
            .setChange(number(p[3], "--macro-shock", s));
    String where = p[1];
    if (where.equals("city")) {
      m.setCity(true);
    } else if (where.startsWith("chain=")) {
      m.setChainId(where.substring(6));
    } else if (where.startsWith("region=")) {
      m.setRegionId(where.substring(7));
    } else if (where.startsWith("cell=")) {
      m.setCellId(where.substring(5));
    } else {
      throw new IllegalArgumentException(
          "--macro-shock '"
              + s
              + "': WHERE must be city, chain=ID, region=ID or cell=ID, got '"
              + where
              + "'");
    }
    return m.build();
  }

  static Observation observation(String s) {
    int colon = s.indexOf(':');
    int eq = s.indexOf('=', colon + 1);
    if (colon <= 0 || eq < 0) {
      throw new IllegalArgumentException("--observe '" + s + "' is not CELL:YEAR=VALUE[:SOURCE]");
    }
    String cell = s.substring(0, colon);
    int year = integer(s.substring(colon + 1, eq), "--observe", s);
    String rest = s.substring(eq + 1);
    int sourceColon = rest.indexOf(':');
    double value = number(sourceColon < 0 ? rest : rest.substring(0, sourceColon), "--observe", s);
    String source = sourceColon < 0 ? "" : rest.substring(sourceColon + 1);
    return Observation.newBuilder()
        .setId(cell + "-" + year)
        .setCellId(cell)
        .setYear(year)
        .setValue(value)
        .setSource(source)
        .setProvenance(Provenance.newBuilder().setKind(ProvenanceKind.PROVENANCE_KIND_OVERRIDE))
        .build();
  }

  private static int integer(String text, String option, String whole) {
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          option + " '" + whole + "': '" + text + "' is not a whole number");
    }
  }

  private static double number(String text, String option, String whole) {
    try {
      return Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          option + " '" + whole + "': '" + text + "' is not a number");
    }
  }
}
