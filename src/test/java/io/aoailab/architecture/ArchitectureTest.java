package io.aoailab.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Which part of the project may depend on which: the lab is a self-contained emulator; the framework reaches it
 * through one adapter package ({@code io.aoailab.target.lab}); the framework's packages form layers without cycles;
 * the scenario suites see only the framework's public face. Any new edge against these fails here, naming it.
 */
class ArchitectureTest {
    private static final String[] FRAMEWORK = {"io.aoailab.config..", "io.aoailab.report..", "io.aoailab.access..",
        "io.aoailab.assertions..", "io.aoailab.target..", "io.aoailab.junit..", "io.aoailab.run..",
        "io.aoailab.stats..", "io.aoailab.roles.."};

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.aoailab");
    private static final JavaClasses SCENARIOS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS).importPackages("io.aoailab.scenarios");

    @Test
    void the_lab_imports_nothing_of_the_framework() {
        noClasses().that().resideInAPackage("io.aoailab.lab..")
                .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORK)
                .because("the lab is an emulator of the deployment that also runs standalone; the framework reaches"
                        + " it through io.aoailab.target.lab")
                .check(MAIN);
    }

    @Test
    void only_the_lab_adapter_reaches_into_the_lab() {
        noClasses().that().resideOutsideOfPackages("io.aoailab.lab..", "io.aoailab.target.lab..")
                .should().dependOnClassesThat().resideInAPackage("io.aoailab.lab..")
                .because("io.aoailab.target.lab is the one narrow adapter between the framework and the lab")
                .check(MAIN);
    }

    @Test
    void the_framework_packages_are_layers() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("config").definedBy("io.aoailab.config..")
                .layer("stats").definedBy("io.aoailab.stats..")
                .layer("roles").definedBy("io.aoailab.roles..")
                .layer("report").definedBy("io.aoailab.report..")
                .layer("access").definedBy("io.aoailab.access..")
                .layer("assertions").definedBy("io.aoailab.assertions..")
                .layer("target").definedBy("io.aoailab.target..")
                .layer("junit").definedBy("io.aoailab.junit..")
                .layer("run").definedBy("io.aoailab.run..")
                .layer("lab").definedBy("io.aoailab.lab..")
                .whereLayer("run").mayNotBeAccessedByAnyLayer()
                .whereLayer("junit").mayOnlyBeAccessedByLayers("run")
                .whereLayer("assertions").mayNotBeAccessedByAnyLayer()
                .whereLayer("target").mayOnlyBeAccessedByLayers("junit")
                .whereLayer("access").mayOnlyBeAccessedByLayers("assertions", "target", "junit")
                .whereLayer("report").mayOnlyBeAccessedByLayers("access", "assertions", "target", "junit")
                .whereLayer("config").mayOnlyBeAccessedByLayers("report", "access", "assertions", "target", "junit",
                        "run")
                .whereLayer("lab").mayOnlyBeAccessedByLayers("target")
                // plain statistics: the assertions decide with them, nothing else needs them
                .whereLayer("stats").mayOnlyBeAccessedByLayers("assertions")
                // facts about Azure RBAC: what the configuration states intent in, and what the framework reasons with
                .whereLayer("roles").mayOnlyBeAccessedByLayers("config", "report", "access", "assertions", "junit")
                .check(MAIN);
    }

    @Test
    void the_framework_packages_have_no_cycles() {
        slices().matching("io.aoailab.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void scenario_suites_use_neither_the_lab_nor_lab_fixtures() {
        noClasses().that().resideInAPackage("io.aoailab.scenarios..")
                .and().haveSimpleNameEndingWith("IT")
                .should().dependOnClassesThat().resideInAnyPackage("io.aoailab.lab..", "io.aoailab.target.lab..",
                        "io.aoailab.testing..")
                .because("a scenario runs against live Azure as against the lab: it sees the deployment only through"
                        + " the framework (access paths, the operator), never the lab's objects")
                .check(SCENARIOS);
    }
}
