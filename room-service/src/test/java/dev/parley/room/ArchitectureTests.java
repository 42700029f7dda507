package dev.parley.room;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.persistence.Entity;
import org.junit.jupiter.api.Test;
import org.springframework.data.repository.Repository;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.web.bind.annotation.RestController;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

class ArchitectureTests {

    private static final JavaClasses ROOM_SERVICE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.parley.room");

    @Test
    void roomServiceDependsOnNoOtherService() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("dev.parley.auth..", "dev.parley.message..", "dev.parley.gateway..")
                .check(ROOM_SERVICE);
    }

    @Test
    void controllersNeverTouchRepositoriesEntitiesOrSql() {
        noClasses().that().areAnnotatedWith(RestController.class)
                .should().dependOnClassesThat().areAssignableTo(Repository.class)
                .orShould().dependOnClassesThat().areAnnotatedWith(Entity.class)
                .orShould().dependOnClassesThat().areAssignableTo(JdbcClient.class)
                .check(ROOM_SERVICE);
    }

    @Test
    void featuresHaveNoDependencyCycles() {
        slices().matching("dev.parley.room.(*)..").should().beFreeOfCycles().check(ROOM_SERVICE);
    }

    @Test
    void eventsArePublishedOnlyThroughTheOutbox() {
        noClasses().should().dependOnClassesThat().areAssignableTo(KafkaTemplate.class)
                .orShould().dependOnClassesThat().haveSimpleName("KafkaProducer")
                .check(ROOM_SERVICE);
    }

    @Test
    void onlyTheTopicDeclarationAndTheUserDirectoryTouchKafka() {
        noClasses().that().resideOutsideOfPackages("dev.parley.room.events..", "dev.parley.room.user..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.kafka..", "org.apache.kafka..")
                .check(ROOM_SERVICE);
    }
}
