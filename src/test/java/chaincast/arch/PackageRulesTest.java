package chaincast.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package graph as rules over the compiled production classes: no cycle between the {@code
 * chaincast.*} packages (a cycle means neither side can be changed or tested alone), and an engine
 * that knows nothing of gRPC or protobuf, so it can run behind any transport.
 */
class PackageRulesTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("chaincast");
  }

  @Test
  void packagesHaveNoCycles() {
    // chaincast.v1 is generated from the protos and depends on nothing of ours.
    slices().matching("chaincast.(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void engineKnowsNothingOfGrpcOrProtobuf() {
    noClasses()
        .that()
        .resideInAPackage("chaincast.engine..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.grpc..", "com.google.protobuf..", "chaincast.v1..")
        .because("the engine runs behind any transport; the run layer maps protobuf onto it")
        .check(classes);
  }

  @Test
  void calibrationStatisticsKnowNothingOfGrpcOrProtobuf() {
    noClasses()
        .that()
        .resideInAPackage("chaincast.calibration")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.grpc..", "com.google.protobuf..", "chaincast.v1..")
        .because("the estimator and backtest take plain records; calibration.proto adapts")
        .check(classes);
  }

  @Test
  void theRulesSeeTheWholeProject() {
    // A rule over no classes passes whatever the code does: make sure the import found them.
    Assertions.assertTrue(
        classes.containPackage("chaincast.engine")
            && classes.containPackage("chaincast.run")
            && classes.containPackage("chaincast.server")
            && classes.containPackage("chaincast.calibration"),
        "the class import misses packages: " + classes.size() + " classes");
  }
}
