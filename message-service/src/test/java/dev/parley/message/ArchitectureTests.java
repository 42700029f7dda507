package dev.parley.message;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.springframework.web.bind.annotation.RestController;

/** No other service's code is on this class path at all: the build's enforcer rule keeps it so (root pom.xml). */
@AnalyzeClasses(packages = "dev.parley.message", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule controllersDoNotTouchTheDatabase = noClasses()
            .that().areAnnotatedWith(RestController.class)
            .should().dependOnClassesThat()
            .resideInAnyPackage("org.springframework.jdbc..", "java.sql..");

    /** The command pipeline uses the features' stores; nothing depends on the pipeline. */
    @ArchTest
    static final ArchRule nothingDependsOnTheCommandPipeline = noClasses()
            .that().resideOutsideOfPackage("dev.parley.message.pipeline..")
            .should().dependOnClassesThat().resideInAPackage("dev.parley.message.pipeline..");

    /** Every event is published by the command consumer, after its batch commits: none from a request. */
    @ArchTest
    static final ArchRule onlyThePipelinePublishesEvents = noClasses()
            .that().resideOutsideOfPackages("dev.parley.message.pipeline..", "dev.parley.message.events..")
            .should().dependOnClassesThat().haveSimpleName("EventPublisher");

    @ArchTest
    static final ArchRule featuresDoNotReachIntoTheProjectionsTables = noClasses()
            .that().resideOutsideOfPackage("dev.parley.message.rooms..")
            .should().dependOnClassesThat()
            .haveSimpleName("RoomProjection");
}
