package chaincast.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chaincast.v1.CountOverride;
import chaincast.v1.Fan;
import chaincast.v1.FanRequest;
import chaincast.v1.FanYear;
import chaincast.v1.PercentileValue;
import chaincast.v1.ScenarioOverrides;
import chaincast.v1.SimulateRequest;
import chaincast.v1.SimulationReport;
import chaincast.v1.SimulationServiceGrpc;
import chaincast.v1.SimulationSpec;
import chaincast.v1.Subject;
import chaincast.v1.TargetSelection;
import chaincast.v1.Unit;
import chaincast.v1.VarianceReduction;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fans of counts draw counts: whole-number percentiles, in counts, equal to the exact discrete
 * quantiles of a count cell made a pure Poisson process.
 */
class CountFanTest {
  static ServerFixture fixture;
  static SimulationServiceGrpc.SimulationServiceBlockingStub stub;

  static final String CELL = "pharma_firms_above_size@etdz";
  static final int BASE_YEAR = 2022;
  static final double BASE = 21;
  static final double RATE = 4; // arrivals a year, known exactly (rate_shape 0)
  static final int PATHS = 200_000;

  @BeforeAll
  static void start() throws Exception {
    fixture = new ServerFixture();
    stub = SimulationServiceGrpc.newBlockingStub(fixture.channel);
  }

  @AfterAll
  static void stop() throws Exception {
    fixture.close();
  }

  /**
   * Percentiles in the middle of the CDF's steps at 2025 (Poisson(12) arrivals): the exact quantile
   * is then a step away from any Monte Carlo doubt (half a step is far above the sampling error).
   */
  static List<Double> midStepPercentiles(PoissonDistribution arrivals) {
    List<Double> ps = new ArrayList<>();
    for (int k = 8; k <= 16; k += 2) {
      double mid = (arrivals.cumulativeProbability(k - 1) + arrivals.cumulativeProbability(k)) / 2;
      ps.add(100 * mid);
    }
    return ps;
  }

  @Test
  void aCountFanOfAPoissonCellHasTheExactDiscreteQuantiles() {
    SimulationSpec.Builder spec =
        SimulationSpec.newBuilder()
            .setPaths(PATHS)
            .setSeed(11)
            .setVarianceReduction(VarianceReduction.VARIANCE_REDUCTION_PLAIN)
            .setIgnoreSeededObservations(true)
            .setTargets(TargetSelection.newBuilder().addTargetIds("pharma-output-2025"))
            .setInlineOverrides(
                ScenarioOverrides.newBuilder()
                    .addCounts(
                        CountOverride.newBuilder()
                            .setCountCellId(CELL)
                            .setBaseCount(BASE)
                            .setYearlyRate(RATE)
                            .setRateShape(0)))
            .addFans(FanRequest.newBuilder().setSubject(Subject.newBuilder().setCountCellId(CELL)))
            .addFans(
                FanRequest.newBuilder()
                    .setSubject(
                        Subject.newBuilder().setAnyId("pharma-firms-above-size-2025-etdz")));
    List<Double> ps = midStepPercentiles(new PoissonDistribution(RATE * 3));
    spec.addAllPercentiles(ps);
    SimulationReport r =
        stub.simulate(SimulateRequest.newBuilder().setSpec(spec).build()).getReport();
    for (Fan fan : r.getFansList()) {
      assertEquals(Unit.UNIT_COUNT, fan.getUnit(), fan.getName().getEn());
      assertEquals(BASE_YEAR, fan.getYears(0).getYear());
      assertEquals(2025, fan.getYears(fan.getYearsCount() - 1).getYear());
      for (FanYear y : fan.getYearsList()) {
        int years = y.getYear() - BASE_YEAR;
        for (PercentileValue v : y.getPercentilesList()) {
          assertEquals(Math.rint(v.getValue()), v.getValue(), "whole counts: " + v);
          if (years == 0) {
            assertEquals(BASE, v.getValue(), "the base year is the base count");
          }
        }
      }
      // 2025: three years of Poisson(4) arrivals on top of 21.
      FanYear last = fan.getYears(fan.getYearsCount() - 1);
      PoissonDistribution arrivals = new PoissonDistribution(RATE * 3);
      for (int i = 0; i < ps.size(); i++) {
        double exact = BASE + arrivals.inverseCumulativeProbability(ps.get(i) / 100);
        assertEquals(exact, last.getPercentiles(i).getValue(), "P" + ps.get(i));
      }
    }
    assertTrue(
        r.getFans(1).getName().getEn().contains("firms"),
        "named for what it counts: " + r.getFans(1));
  }
}
