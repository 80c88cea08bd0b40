package chaincast.bench;

import chaincast.server.ChaincastServer;
import chaincast.server.ServerConfig;
import chaincast.v1.CellOverride;
import chaincast.v1.CompareRequest;
import chaincast.v1.EventAddition;
import chaincast.v1.EventDelay;
import chaincast.v1.Fan;
import chaincast.v1.FanRequest;
import chaincast.v1.FanYear;
import chaincast.v1.ImportanceInput;
import chaincast.v1.MacroShock;
import chaincast.v1.PercentileValue;
import chaincast.v1.ProjectEvent;
import chaincast.v1.ScenarioChoice;
import chaincast.v1.ScenarioComparison;
import chaincast.v1.ScenarioOverrides;
import chaincast.v1.SensitivityReport;
import chaincast.v1.SensitivityRequest;
import chaincast.v1.SimulateRequest;
import chaincast.v1.SimulationReport;
import chaincast.v1.SimulationServiceGrpc;
import chaincast.v1.SimulationSpec;
import chaincast.v1.Subject;
import chaincast.v1.TargetDifference;
import chaincast.v1.TargetOdds;
import chaincast.v1.TargetSelection;
import chaincast.v1.TornadoBar;
import chaincast.v1.Unit;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;

/**
 * Prints the figures the README quotes for the workbench (observations, count targets, comparisons
 * on common random numbers, sensitivity), each from a real call through a gRPC server started in
 * this JVM on a loopback port with a temporary data directory: {@code java -cp target/chaincast.jar
 * chaincast.bench.WorkbenchFigures}.
 */
public final class WorkbenchFigures {
  private static final long SEED = 2025;

  private WorkbenchFigures() {}

  public static void main(String[] args) throws Exception {
    var dataDir = Files.createTempDirectory("chaincast-figures");
    ChaincastServer server =
        new ChaincastServer(ServerConfig.defaults().withPort(0).withDataDir(dataDir)).start();
    ManagedChannel channel =
        ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
    try {
      var stub = SimulationServiceGrpc.newBlockingStub(channel);
      observations(stub);
      counts(stub);
      comparisons(stub);
      sensitivity(stub);
    } finally {
      channel.shutdownNow();
      server.stop();
    }
  }

  private static SimulationReport simulate(
      SimulationServiceGrpc.SimulationServiceBlockingStub stub, SimulationSpec spec) {
    return stub.simulate(SimulateRequest.newBuilder().setSpec(spec).build()).getReport();
  }

  private static void observations(SimulationServiceGrpc.SimulationServiceBlockingStub stub) {
    SimulationSpec spec =
        SimulationSpec.newBuilder()
            .setTargets(
                TargetSelection.newBuilder()
                    .addTargetIds("pharma-output-2025")
                    .addTargetIds("pharma-output-2025-etdz")
                    .addTargetIds("ten-chains-output-2025")
                    .addTargetIds("lzf62-steel-2025")
                    .addTargetIds("etdz-materials-output-2025"))
            .addFans(FanRequest.newBuilder().setSubject(Subject.newBuilder().setChainId("pharma")))
            .addFans(
                FanRequest.newBuilder()
                    .setSubject(Subject.newBuilder().setCellId("pharma@haizhou")))
            .setPaths(1_000_000)
            .setSeed(SEED)
            .build();
    SimulationReport with = simulate(stub, spec);
    SimulationReport without =
        simulate(stub, spec.toBuilder().setIgnoreSeededObservations(true).build());
    System.out.println("== Observations as evidence: P(hit), 1,000,000 paths, seed " + SEED);
    System.out.printf("%-28s %22s %26s%n", "target", "no observations", "observations as evidence");
    for (int i = 0; i < with.getOddsCount(); i++) {
      System.out.printf(
          Locale.ROOT,
          "%-28s %21.1f%% %25.1f%%%n",
          with.getOdds(i).getTargetId(),
          100 * without.getOdds(i).getPHit().getEstimate(),
          100 * with.getOdds(i).getPHit().getEstimate());
    }
    System.out.printf(
        Locale.ROOT,
        "effective paths: %,.0f of %,d (%.1f%%)%n",
        with.getRun().getEffectivePaths(),
        with.getRun().getPaths(),
        100 * with.getRun().getEffectivePaths() / with.getRun().getPaths());
    System.out.printf(
        Locale.ROOT,
        "median 2021 output, 亿元: pharma chain %.1f without, %.1f with; pharma@haizhou %.2f, %.2f%n",
        median(without.getFans(0), 2021),
        median(with.getFans(0), 2021),
        median(without.getFans(1), 2021),
        median(with.getFans(1), 2021));
    SimulationReport whatIf =
        simulate(
            stub,
            spec.toBuilder()
                .addOverrides(CellOverride.newBuilder().setCellId("pharma@etdz").setDriftMean(0.05))
                .build());
    System.out.printf(
        Locale.ROOT,
        "what-if pharma@etdz drift_mean=0.05: pharma@haizhou's 2021 median %.2f (explaining away)%n",
        median(whatIf.getFans(1), 2021));
    for (var o : with.getObservationsList()) {
      System.out.printf(
          Locale.ROOT,
          "  %-18s %d  value %.2f  annual %.2f  error %.3f  ties %d cells: %s%n",
          o.getObservationId(),
          o.getYear(),
          o.getValue(),
          o.getAnnualValue(),
          o.getRelativeError(),
          o.getTiedCellIdsCount(),
          o.getNote());
    }
    System.out.println();
  }

  /** The median of a fan in a year. */
  private static double median(Fan fan, int year) {
    for (FanYear y : fan.getYearsList()) {
      if (y.getYear() == year) {
        for (PercentileValue p : y.getPercentilesList()) {
          if (p.getPercentile() == 50) {
            return p.getValue();
          }
        }
      }
    }
    return Double.NaN;
  }

  private static void counts(SimulationServiceGrpc.SimulationServiceBlockingStub stub) {
    SimulationSpec spec =
        SimulationSpec.newBuilder()
            .setTargets(TargetSelection.newBuilder().setPlanId("lzbf-2023-53").setYear(2025))
            .setPaths(1_000_000)
            .setSeed(SEED)
            .build();
    SimulationReport r = simulate(stub, spec);
    System.out.println(
        "== Count targets of 附件1: P(hit), 1,000,000 paths, seed "
            + SEED
            + ", "
            + r.getRun().getElapsedMillis()
            + " ms for all 72 targets of the plan");
    String[] counties = {"etdz", "haizhou", "guannan", "ganyu", "donghai", "guanyun", "lianyun"};
    System.out.printf("%-26s %9s", "row (target: headline)", "headline");
    for (String c : counties) {
      System.out.printf(" %8s", c);
    }
    System.out.println();
    List<TargetOdds> odds = r.getOddsList();
    for (TargetOdds o : odds) {
      if (o.getUnit() != Unit.UNIT_COUNT || o.getTargetId().matches(".*-2025-[a-z]+$")) {
        continue;
      }
      String stem = o.getTargetId().replace("-2025", "");
      System.out.printf(
          Locale.ROOT,
          "%-26s %8.1f%%",
          stem + " (" + (int) o.getTargetValue() + ")",
          100 * o.getPHit().getEstimate());
      for (String c : counties) {
        TargetOdds county =
            odds.stream()
                .filter(x -> x.getTargetId().equals(o.getTargetId() + "-" + c))
                .findFirst()
                .orElseThrow();
        System.out.printf(Locale.ROOT, " %7.1f%%", 100 * county.getPHit().getEstimate());
      }
      System.out.println();
    }
    System.out.println();
  }

  private static ScenarioChoice inline(ScenarioOverrides o) {
    return ScenarioChoice.newBuilder().setInlineOverrides(o).build();
  }

  private static void comparisons(SimulationServiceGrpc.SimulationServiceBlockingStub stub) {
    SimulationSpec spec =
        SimulationSpec.newBuilder()
            .setTargets(TargetSelection.newBuilder().setPlanId("lzbf-2023-53").setYear(2025))
            .setPaths(200_000)
            .setSeed(SEED)
            .build();
    ScenarioChoice seeded = ScenarioChoice.newBuilder().setSeeded(true).build();
    seededAgainstItself(stub, spec, seeded);
    cityWideDips(stub, spec, seeded);
    latePlant(stub, spec);
    System.out.println();
  }

  /** The same scenario on both sides: every difference must be exactly zero. */
  private static void seededAgainstItself(
      SimulationServiceGrpc.SimulationServiceBlockingStub stub,
      SimulationSpec spec,
      ScenarioChoice seeded) {
    ScenarioComparison same =
        stub.compare(
                CompareRequest.newBuilder()
                    .setSpec(spec)
                    .setBaseline(seeded)
                    .setAlternative(seeded)
                    .build())
            .getComparison();
    double maxAbs =
        same.getTargetsList().stream()
            .mapToDouble(t -> Math.abs(t.getDifference()))
            .max()
            .orElse(0);
    System.out.println("== Compare, 200,000 paths per side, seed " + SEED);
    System.out.println(
        "seeded vs seeded, 72 targets: largest |difference| = "
            + maxAbs
            + ", largest paired SE = "
            + same.getTargetsList().stream()
                .mapToDouble(TargetDifference::getStandardError)
                .max()
                .orElse(0));
  }

  /** A city-wide dip in 2024 of 2% and of 10%. */
  private static void cityWideDips(
      SimulationServiceGrpc.SimulationServiceBlockingStub stub,
      SimulationSpec spec,
      ScenarioChoice seeded) {
    for (double change : new double[] {-0.02, -0.10}) {
      ScenarioOverrides dip =
          ScenarioOverrides.newBuilder()
              .addMacroShocks(
                  MacroShock.newBuilder()
                      .setId("city-dip-2024")
                      .setCity(true)
                      .setYear(2024)
                      .setChange(change))
              .build();
      ScenarioComparison c =
          stub.compare(
                  CompareRequest.newBuilder()
                      .setSpec(spec)
                      .setBaseline(seeded)
                      .setAlternative(inline(dip))
                      .build())
              .getComparison();
      System.out.printf(
          Locale.ROOT,
          "seeded vs %+.0f%% city-wide in 2024 (%d ms):%n",
          100 * change,
          c.getRun().getElapsedMillis());
      printDifferences(c, "pharma-output");
    }
  }

  private static void latePlant(
      SimulationServiceGrpc.SimulationServiceBlockingStub stub, SimulationSpec spec) {
    // A biologics plant at pharma@etdz: +10% output, 80% likely in 2024; then the same plant a year
    // or two late.
    ProjectEvent plant =
        ProjectEvent.newBuilder()
            .setId("biologics-plant")
            .setFirstYear(2024)
            .setLastYear(2024)
            .setYearlyProbability(0.8)
            .setJumpLogMean(Math.log(1.10))
            .setJumpLogSd(0.03)
            .build();
    ScenarioOverrides withPlant =
        ScenarioOverrides.newBuilder()
            .addAddedEvents(EventAddition.newBuilder().setCellId("pharma@etdz").setEvent(plant))
            .build();
    for (int years : new int[] {1, 2}) {
      ScenarioOverrides late =
          withPlant.toBuilder()
              .addDelayedEvents(
                  EventDelay.newBuilder()
                      .setCellId("pharma@etdz")
                      .setEventId("biologics-plant")
                      .setYears(years))
              .build();
      ScenarioComparison c =
          stub.compare(
                  CompareRequest.newBuilder()
                      .setSpec(spec)
                      .setBaseline(inline(withPlant))
                      .setAlternative(inline(late))
                      .build())
              .getComparison();
      System.out.printf("plant in 2024 vs the plant %d year(s) late:%n", years);
      printDifferences(c, "pharma-output-2025-etdz");
    }
  }

  private static void printDifferences(ScenarioComparison c, String prefix) {
    System.out.printf(
        "  %-28s %9s %9s %10s %10s %10s %7s%n",
        "target", "P base", "P alt", "diff", "paired SE", "indep SE", "ratio");
    for (TargetDifference t : c.getTargetsList()) {
      if (!t.getTargetId().startsWith(prefix)) {
        continue;
      }
      double ratio =
          t.getIndependentStandardError() > 0
              ? t.getStandardError() / t.getIndependentStandardError()
              : 0;
      System.out.printf(
          Locale.ROOT,
          "  %-28s %8.2f%% %8.2f%% %+9.3f%% %9.4f%% %9.4f%% %7.3f%n",
          t.getTargetId(),
          100 * t.getPHitBaseline().getEstimate(),
          100 * t.getPHitAlternative().getEstimate(),
          100 * t.getDifference(),
          100 * t.getStandardError(),
          100 * t.getIndependentStandardError(),
          ratio);
    }
  }

  private static void sensitivity(SimulationServiceGrpc.SimulationServiceBlockingStub stub) {
    for (String target : new String[] {"pharma-output-2025", "ten-chains-output-2025"}) {
      long started = System.nanoTime();
      SensitivityReport r =
          stub.sensitivity(
                  SensitivityRequest.newBuilder()
                      .setTargetId(target)
                      .setSpec(SimulationSpec.newBuilder().setPaths(50_000).setSeed(SEED))
                      .build())
              .getReport();
      System.out.printf(
          Locale.ROOT,
          "== Sensitivity of %s (P(hit) %.1f%%), 50,000 paths per run, %d bars, %.1f s%n",
          target,
          100 * r.getPHit().getEstimate(),
          r.getTornadoCount(),
          (System.nanoTime() - started) / 1e9);
      System.out.printf("  %-36s %-44s %9s %9s %9s%n", "input", "step", "P low", "P high", "swing");
      for (TornadoBar b : r.getTornadoList().subList(0, Math.min(6, r.getTornadoCount()))) {
        System.out.printf(
            Locale.ROOT,
            "  %-36s %-44s %8.2f%% %8.2f%% %8.2f%%%n",
            b.getInputId(),
            b.getStep(),
            100 * b.getPHitLow().getEstimate(),
            100 * b.getPHitHigh().getEstimate(),
            100 * b.getSwing());
      }
      System.out.printf(
          Locale.ROOT,
          "  Shapley effects on %s, explained %.3f:%n",
          r.getImportance().getOutput(),
          r.getImportance().getExplainedShare());
      for (ImportanceInput i :
          r.getImportance()
              .getInputsList()
              .subList(0, Math.min(6, r.getImportance().getInputsCount()))) {
        System.out.printf(
            Locale.ROOT,
            "    %-28s %6.1f%%   (correlation with the total %.2f)%n",
            i.getInputId(),
            100 * i.getShapleyShare(),
            i.getCorrelation());
      }
      System.out.println();
    }
  }
}
