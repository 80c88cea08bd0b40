package chaincast.cli;

import chaincast.v1.RunInfo;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a run is described at the head of tidy JSON: {@code {"run": {...}}} with the keys and enum
 * spellings of the Python client's {@code RunInfo.as_dict()}.
 */
final class RunJson {
  private RunJson() {}

  static Map<String, Object> of(RunInfo run) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("paths", run.getPaths());
    m.put("seed", run.getSeed());
    m.put("horizon_year", run.getHorizonYear());
    m.put("stop_reason", Formats.enumName(run.getStopReason()));
    m.put("max_half_width", run.getMaxHalfWidth());
    m.put("wanted_half_width", run.getWantedHalfWidth());
    m.put("shock_distribution", Formats.enumName(run.getShockDistribution()));
    m.put("elapsed_ms", run.getElapsedMillis());
    m.put("threads", run.getThreads());
    m.put("block_size", run.getBlockSize());
    m.put("weighted", run.getWeighted());
    m.put("effective_paths", run.getEffectivePaths());
    m.put("clamped_paths", run.getClampedPaths());
    m.put("generator", run.getGenerator());
    m.put("sampler", run.getSampler());
    m.put("engine_version", run.getEngineVersion());
    m.put("variance_reduction", Formats.enumName(run.getVarianceReduction()));
    return Map.of("run", m);
  }
}
