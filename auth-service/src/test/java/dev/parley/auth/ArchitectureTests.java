package dev.parley.auth;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** No other service's code is on this class path at all: the build's enforcer rule keeps it so (root pom.xml). */
@AnalyzeClasses(packages = "dev.parley.auth", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule controllersDoNotTouchRepositories = noClasses()
            .that().haveSimpleNameEndingWith("Controller")
            .should().dependOnClassesThat().haveSimpleNameEndingWith("Repository");

    /**
     * Platform threads only: a virtual thread loading a class pins its carrier, and with a carrier per
     * core a few of them waiting on a jar's lock held by an unmounted one wedged the whole process
     * (docs/reliability.md). Spring's own use is off in application.yml.
     */
    @ArchTest
    static final ArchRule noVirtualThreads = noClasses().should()
            .callMethod(Thread.class, "startVirtualThread", Runnable.class)
            .orShould().callMethod(Thread.class, "ofVirtual")
            .orShould().callMethod(java.util.concurrent.Executors.class, "newVirtualThreadPerTaskExecutor");
}
