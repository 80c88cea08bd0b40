package chaincast.run;

import chaincast.engine.Projection;
import chaincast.engine.RunSettings;
import chaincast.v1.AssumptionInUse;
import chaincast.v1.LocalizedName;
import chaincast.v1.ObservationInUse;
import chaincast.v1.ShockDistribution;
import chaincast.v1.SimulationSpec;
import chaincast.v1.SkippedTarget;
import chaincast.v1.Subject;
import chaincast.v1.Target;
import chaincast.v1.TargetKind;
import chaincast.v1.Threshold;
import chaincast.v1.Unit;
import java.util.List;

/**
 * A request resolved against the model: the engine's input and what is needed to report on its
 * output.
 *
 * @param projection what the engine simulates
 * @param settings how long, which percentiles, which seed
 * @param targets the simulated targets, in projection order
 * @param bases per target, its scope's starting point
 * @param joints the joint sets, in projection order
 * @param fans the fans, in projection order
 * @param skipped selected targets the engine cannot simulate
 * @param assumptions parameters in play that rest on an assumption or an override
 * @param distribution the shock distribution in use
 * @param observations the observations cells start from
 * @param thresholds the thresholds, whose engine targets follow {@code targets}
 * @param request the request as planned, its scenario inlined and its seed set: what another
 *     machine plans the same projection from (see {@link ProjectionPlanner#plan(SimulationSpec,
 *     long)})
 */
public record PlannedRun(
    Projection projection,
    RunSettings settings,
    List<Target> targets,
    List<TargetBase> bases,
    List<JointMeta> joints,
    List<FanMeta> fans,
    List<SkippedTarget> skipped,
    List<AssumptionInUse> assumptions,
    ShockDistribution distribution,
    List<ObservationInUse> observations,
    List<ThresholdMeta> thresholds,
    SimulationSpec request) {

  /**
   * Copies the lists, so a plan cannot change once made.
   *
   * @param projection what the engine simulates
   * @param settings how long, which percentiles, which seed
   * @param targets the simulated targets, in projection order
   * @param bases per target, its scope's starting point
   * @param joints the joint sets, in projection order
   * @param fans the fans, in projection order
   * @param skipped selected targets the engine cannot simulate
   * @param assumptions parameters in play that rest on an assumption or an override
   * @param distribution the shock distribution in use
   * @param observations the observations cells start from
   * @param thresholds the thresholds, whose engine targets follow {@code targets}
   * @param request the request as planned, its scenario inlined and its seed set
   */
  public PlannedRun {
    targets = List.copyOf(targets);
    bases = List.copyOf(bases);
    joints = List.copyOf(joints);
    fans = List.copyOf(fans);
    skipped = List.copyOf(skipped);
    assumptions = List.copyOf(assumptions);
    observations = List.copyOf(observations);
    thresholds = List.copyOf(thresholds);
  }

  /**
   * Where a target's scope starts.
   *
   * @param value for output targets the sum of the base values (亿元); for chains-above targets the
   *     number of chains already at the level
   * @param year the latest base year among the scope's cells
   */
  public record TargetBase(double value, int year) {}

  /**
   * A joint set as the report names it.
   *
   * @param id the set's id (seeded, requested, or {@code joint-N})
   * @param name its bilingual name
   * @param targetIds the targets that must all be hit
   */
  public record JointMeta(String id, LocalizedName name, List<String> targetIds) {
    /**
     * Copies the target ids.
     *
     * @param id the set's id (seeded, requested, or {@code joint-N})
     * @param name its bilingual name
     * @param targetIds the targets that must all be hit
     */
    public JointMeta {
      targetIds = List.copyOf(targetIds);
    }
  }

  /**
   * A fan as the report names it.
   *
   * @param subject what the fan sums (typed: {@code any_id} resolved)
   * @param name its bilingual name
   * @param engineFan the engine fan of an output fan, or -1
   * @param count the engine targets of a count fan, or null
   */
  public record FanMeta(Subject subject, LocalizedName name, int engineFan, CountFan count) {}

  /**
   * A fan of a count: one engine target per year from the base year, whose value distribution is
   * the count in that year.
   *
   * @param firstTarget the engine target of the base year
   * @param baseYear the year the count starts from
   * @param baseValue the count in the base year
   * @param years how many years, from the base year to the horizon
   */
  public record CountFan(int firstTarget, int baseYear, double baseValue, int years) {}

  /**
   * A threshold as the report puts it back together from engine targets.
   *
   * @param threshold the threshold as run: typed subject, year and id filled in
   * @param name the subject's bilingual name
   * @param unit the unit of its level and values
   * @param kind what the subject's value is
   * @param lower the engine target of its (lower) bound
   * @param upper the engine target of a range's upper bound, or -1
   * @param complement report 1 - P of the lower bound ({@code <=} and {@code <})
   * @param regionId the subject's one region, or ""
   * @param chainId the subject's one chain, or ""
   */
  public record ThresholdMeta(
      Threshold threshold,
      LocalizedName name,
      Unit unit,
      TargetKind kind,
      int lower,
      int upper,
      boolean complement,
      String regionId,
      String chainId) {}
}
