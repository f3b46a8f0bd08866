package dev.omega.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The hexagon's dependency rules (buckpal's DependencyRuleTests), checked on the built classes. */
class DependencyRulesTest {
  private static JavaClasses omega;

  @BeforeAll
  static void importClasses() {
    omega =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.omega");
  }

  @Test
  void theCoreDependsOnlyOnTheJdkSlf4jFailsafeAndItself() {
    classes()
        .that()
        .resideInAPackage("dev.omega.core..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "org.slf4j..", "dev.failsafe..", "dev.omega.core..")
        .check(omega);
  }

  @Test
  void theCoreUsesNoHttpClientNoJacksonNoJcommanderAndNoLoggingBackend() {
    noClasses()
        .that()
        .resideInAPackage("dev.omega.core..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "java.net.http..",
            "com.fasterxml.jackson..",
            "com.beust.jcommander..",
            "ch.qos.logback..")
        .check(omega);
  }

  @Test
  void theWireContractDependsOnlyOnTheCoreAndJackson() {
    classes()
        .that()
        .resideInAPackage("dev.omega.api..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..", "com.fasterxml.jackson..", "dev.omega.core..", "dev.omega.api..")
        .check(omega);
  }

  @Test
  void adaptersDoNotImportEachOther() {
    noClasses()
        .that()
        .resideInAPackage("dev.omega.http..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.omega.config..", "dev.omega.cli..", "dev.omega.server..")
        .allowEmptyShould(true)
        .check(omega);
    noClasses()
        .that()
        .resideInAPackage("dev.omega.config..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.omega.http..", "dev.omega.cli..", "dev.omega.server..")
        .allowEmptyShould(true)
        .check(omega);
  }

  @Test
  void onlyTheCliAndTheServerAssembleAdapters() {
    noClasses()
        .that()
        .resideOutsideOfPackages("dev.omega.cli..", "dev.omega.server..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.omega.http..", "dev.omega.config..")
        .because("adapters are wired in one place")
        .allowEmptyShould(true)
        .check(
            new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.omega.core", "dev.omega.testkit"));
  }

  @Test
  void theTestKitsFakesOnlyUseTheCoresPorts() {
    noClasses()
        .that()
        .resideInAPackage("dev.omega.testkit..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.omega.http..", "dev.omega.config..", "dev.omega.cli..")
        .check(omega);
  }

  @Test
  void theRuntimePortDependsOnlyOnTheJdk() {
    classes()
        .that()
        .resideInAPackage("dev.omega.runtime")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "dev.omega.runtime")
        .check(omega);
  }

  @Test
  void theSlurmRuntimeDependsOnlyOnTheJdkAndTheRuntimePort() {
    classes()
        .that()
        .resideInAPackage("dev.omega.runtime.slurm..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "dev.omega.runtime..")
        .check(omega);
  }

  @Test
  void theServerReachesRuntimesOnlyThroughThePort() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.omega.runtime.slurm..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.omega.runtime.slurm..")
        .because("a runtime is chosen by `runtime:` in the server's YAML, through ServiceLoader")
        .check(omega);
  }
}
