package dev.parley.room;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import jakarta.persistence.Entity;
import org.springframework.data.repository.Repository;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.web.bind.annotation.RestController;

/** No other service's code is on this class path at all: the build's enforcer rule keeps it so (root pom.xml). */
@AnalyzeClasses(packages = "dev.parley.room", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule controllersNeverTouchRepositoriesEntitiesOrSql = noClasses()
            .that().areAnnotatedWith(RestController.class)
            .should().dependOnClassesThat().areAssignableTo(Repository.class)
            .orShould().dependOnClassesThat().areAnnotatedWith(Entity.class)
            .orShould().dependOnClassesThat().areAssignableTo(JdbcClient.class);

    @ArchTest
    static final ArchRule featuresHaveNoDependencyCycles =
            slices().matching("dev.parley.room.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule eventsArePublishedOnlyThroughTheOutbox = noClasses()
            .should().dependOnClassesThat().areAssignableTo(KafkaTemplate.class)
            .orShould().dependOnClassesThat().haveSimpleName("KafkaProducer");

    @ArchTest
    static final ArchRule onlyTheTopicDeclarationAndTheUserDirectoryTouchKafka = noClasses()
            .that().resideOutsideOfPackages("dev.parley.room.events..", "dev.parley.room.user..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.kafka..", "org.apache.kafka..");
}
