package dev.digitslab.comparison;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules the {@code package-info.java} files state, checked on the compiled main classes of every
 * module (this module's test class path is the only one that holds them all).
 */
class PackageDependenciesTest {
    private static final String API = "dev.digitslab.api..";
    private static final String DATASETS = "dev.digitslab.datasets..";
    private static final String SCRATCH = "dev.digitslab.scratch..";
    private static final String FRAMEWORK = "dev.digitslab.framework..";
    private static final String COMPARISON = "dev.digitslab.comparison..";
    private static final String FRAMEWORK_CPU = "dev.digitslab.framework.cpu..";
    private static final String BENCHMARK = "dev.digitslab.comparison.bench..";

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // In `mvn verify` a module's test classes come as its -tests.jar, which DO_NOT_INCLUDE_TESTS lets in.
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("dev.digitslab");
    }

    @Test
    void experimentApiDependsOnNoOtherModule() {
        noClasses().that().resideInAPackage(API)
                .should().dependOnClassesThat().resideInAnyPackage(DATASETS, SCRATCH, FRAMEWORK, COMPARISON)
                .check(classes);
    }

    @Test
    void experimentApiPackagesAreLayered() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("train").definedBy("dev.digitslab.api.train..")
                .layer("data").definedBy("dev.digitslab.api.data..")
                .layer("params").definedBy("dev.digitslab.api.params..")
                .layer("spec").definedBy("dev.digitslab.api.spec..")
                .layer("foundations").definedBy("dev.digitslab.api.io..", "dev.digitslab.api.seed..",
                        "dev.digitslab.api.stats..")
                .whereLayer("train").mayNotBeAccessedByAnyLayer()
                .whereLayer("data").mayOnlyBeAccessedByLayers("train")
                .whereLayer("params").mayOnlyBeAccessedByLayers("train")
                .whereLayer("spec").mayOnlyBeAccessedByLayers("train", "data", "params")
                .check(classes);
    }

    @Test
    void neitherImplementationDependsOnTheOtherOrOnTheData() {
        noClasses().that().resideInAPackage(SCRATCH)
                .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORK, DATASETS, COMPARISON)
                .check(classes);
        noClasses().that().resideInAPackage(FRAMEWORK)
                .should().dependOnClassesThat().resideInAnyPackage(SCRATCH, DATASETS, COMPARISON)
                .check(classes);
    }

    @Test
    void datasetsDependOnTheApiOnly() {
        noClasses().that().resideInAPackage(DATASETS)
                .should().dependOnClassesThat().resideInAnyPackage(SCRATCH, FRAMEWORK, COMPARISON)
                .check(classes);
    }

    @Test
    void comparisonKnowsImplementationsOnlyThroughTheServiceLoader() {
        noClasses().that().resideInAPackage(COMPARISON)
                .should().dependOnClassesThat().resideInAnyPackage(SCRATCH)
                .check(classes);
        // The one exception: the benchmark asks the framework's cpu package (the CPU's instruction sets) which
        // OpenBLAS kernels the Python peers deserve.
        noClasses().that().resideInAPackage(COMPARISON)
                .should().dependOnClassesThat(resideInAPackage(FRAMEWORK).and(not(resideInAPackage(FRAMEWORK_CPU))))
                .check(classes);
        noClasses().that().resideInAPackage(COMPARISON).and().resideOutsideOfPackage(BENCHMARK)
                .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORK_CPU)
                .check(classes);
    }

    @Test
    void theScratchNetworkIsLayeredFromStorageUp() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("model").definedBy("dev.digitslab.scratch")
                .layer("optim").definedBy("dev.digitslab.scratch.optim..")
                .layer("nn").definedBy("dev.digitslab.scratch.nn..")
                .layer("kernel").definedBy("dev.digitslab.scratch.kernel..")
                .layer("tensor").definedBy("dev.digitslab.scratch.tensor..")
                .whereLayer("model").mayNotBeAccessedByAnyLayer()
                .whereLayer("optim").mayOnlyBeAccessedByLayers("model")
                .whereLayer("nn").mayOnlyBeAccessedByLayers("model", "optim")
                .whereLayer("kernel").mayOnlyBeAccessedByLayers("model", "optim", "nn")
                .check(classes);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("dev.digitslab.api.(*)..").should().beFreeOfCycles().check(classes);
        slices().matching("dev.digitslab.comparison.(*)..").should().beFreeOfCycles().check(classes);
        slices().matching("dev.digitslab.scratch.(*)..").should().beFreeOfCycles().check(classes);
    }
}
