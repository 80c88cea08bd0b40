package chaincast.cli;

import chaincast.bench.EngineBenchmark;
import chaincast.bench.PrecisionBenchmark;
import chaincast.engine.BlockStreams;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench --format json}: every figure of the benchmark as one JSON document, for scripts that
 * check the goals. Written by hand: the document is small and flat, and its keys are fixed ASCII.
 */
final class BenchJson {
  private BenchJson() {}

  static String of(
      List<EngineBenchmark.Report> throughput,
      double halfWidth,
      List<PrecisionBenchmark.Measurement> precision,
      List<PrecisionBenchmark.RareMeasurement> rare) {
    StringBuilder out = new StringBuilder("{\n");
    out.append("  \"generator\": ").append(quote(BlockStreams.GENERATOR)).append(",\n");
    out.append("  \"sampler\": ").append(quote(BlockStreams.SAMPLER)).append(",\n");
    out.append("  \"engine_version\": ").append(quote(BlockStreams.ENGINE_VERSION)).append(",\n");
    out.append("  \"goals\": {")
        .append(field("cell_steps_per_second", EngineBenchmark.GOAL_CELL_STEPS_PER_SECOND))
        .append(", ")
        .append(field("floor_ratio", EngineBenchmark.GOAL_FLOOR_RATIO))
        .append(", ")
        .append(field("million_path_seconds", EngineBenchmark.GOAL_MILLION_PATH_SECONDS))
        .append(", ")
        .append(field("precision_speedup", PrecisionBenchmark.GOAL_SPEEDUP))
        .append(", ")
        .append(field("rare_relative_half_width", PrecisionBenchmark.GOAL_RARE_RELATIVE_HALF_WIDTH))
        .append(", ")
        .append(field("rare_seconds", PrecisionBenchmark.GOAL_RARE_SECONDS))
        .append("},\n  \"throughput\": [\n");
    throughput(out, throughput);
    out.append("  ],\n  \"precision\": {")
        .append(field("half_width", halfWidth))
        .append(", \"case\": \"seeded, the output targets of 2025\", \"runs\": [\n");
    double plain = PrecisionBenchmark.plainSeconds(precision);
    for (int i = 0; i < precision.size(); i++) {
      PrecisionBenchmark.Measurement m = precision.get(i);
      out.append("    {\"method\": ")
          .append(quote(m.method().name()))
          .append(", \"paths\": ")
          .append(m.paths())
          .append(", ")
          .append(field("seconds", m.seconds()))
          .append(", ")
          .append(field("widest_half_width", m.widest()))
          .append(", \"reached\": ")
          .append(m.reached())
          .append(", ")
          .append(field("speedup_over_plain", plain / m.seconds()))
          .append(i + 1 < precision.size() ? "},\n" : "}\n");
    }
    out.append("  ]},\n  \"rare\": [\n");
    for (int i = 0; i < rare.size(); i++) {
      PrecisionBenchmark.RareMeasurement r = rare.get(i);
      out.append("    {\"target_id\": ")
          .append(quote(r.targetId()))
          .append(", \"method\": ")
          .append(quote(r.method().name()))
          .append(", ")
          .append(field("estimate", r.estimate()))
          .append(", ")
          .append(field("relative_half_width", r.relativeHalfWidth()))
          .append(", \"paths\": ")
          .append(r.paths())
          .append(", ")
          .append(field("seconds", r.seconds()))
          .append(", \"meets_goal\": ")
          .append(r.meetsGoal())
          .append(i + 1 < rare.size() ? "},\n" : "}\n");
    }
    return out.append("  ]\n}").toString();
  }

  private static void throughput(StringBuilder out, List<EngineBenchmark.Report> throughput) {
    for (int i = 0; i < throughput.size(); i++) {
      EngineBenchmark.Report r = throughput.get(i);
      out.append("    {\"case\": ")
          .append(quote(r.label()))
          .append(", \"threads\": ")
          .append(r.threads())
          .append(", \"cells\": ")
          .append(r.cells())
          .append(", \"paths\": ")
          .append(r.paths())
          .append(", \"cell_steps_per_path\": ")
          .append(r.cellStepsPerPath())
          .append(", ")
          .append(field("cell_steps_per_second", r.cellStepsPerSecond()))
          .append(", ")
          .append(field("floor_normals_per_second", r.floorNormalsPerSecond()))
          .append(", ")
          .append(field("floor_ratio", r.floorRatio()))
          .append(", ")
          .append(field("million_path_seconds", r.millionPathSeconds()))
          .append(", \"meets_rate\": ")
          .append(r.meetsRate())
          .append(", \"meets_floor_ratio\": ")
          .append(r.meetsFloorRatio())
          .append(", \"million_path_goal_applies\": ")
          .append(r.timeGoalApplies())
          .append(", \"meets_million_path_goal\": ")
          .append(r.meetsTime())
          .append(i + 1 < throughput.size() ? "},\n" : "}\n");
    }
  }

  private static String field(String name, double value) {
    String v = Double.isFinite(value) ? String.format(Locale.ROOT, "%.6g", value) : "null";
    return quote(name) + ": " + v;
  }

  /** A JSON string of plain ASCII or UTF-8 text (quotes and backslashes escaped). */
  private static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
