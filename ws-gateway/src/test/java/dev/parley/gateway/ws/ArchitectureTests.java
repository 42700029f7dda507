package dev.parley.gateway.ws;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** No other service's code is on this class path at all: the build's enforcer rule keeps it so (root pom.xml). */
@AnalyzeClasses(packages = "dev.parley.gateway.ws", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule featuresDoNotDependOnEachOtherInCycles =
            slices().matching("dev.parley.gateway.ws.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule metricsDependOnNothingOfTheGateway = noClasses().that().resideInAPackage("..ws.metrics..")
            .should().dependOnClassesThat().resideInAnyPackage("..ws.protocol..", "..ws.session..",
                    "..ws.subscription..", "..ws.command..", "..ws.fanout..", "..ws.presence..", "..ws.endpoint..",
                    "..ws.membership..", "..ws.events..");

    @ArchTest
    static final ArchRule membershipKnowsNothingOfWhoFollowsOrFansOut = noClasses().that()
            .resideInAPackage("..ws.membership..").should().dependOnClassesThat().resideInAnyPackage(
                    "..ws.subscription..", "..ws.fanout..", "..ws.presence..", "..ws.command..", "..ws.endpoint..");

    @ArchTest
    static final ArchRule onlyTheFanoutListensToKafka = noClasses().that().resideOutsideOfPackage("..ws.fanout..")
            .should().dependOnClassesThat().haveFullyQualifiedName("org.springframework.kafka.annotation.KafkaListener");

    @ArchTest
    static final ArchRule protocolIsThePlainWireFormat = noClasses().that().resideInAPackage("..ws.protocol..")
            .should().dependOnClassesThat().resideInAnyPackage("..ws.session..", "..ws.subscription..",
                    "..ws.command..", "..ws.fanout..", "..ws.presence..", "..ws.endpoint..", "..ws.membership..",
                    "..ws.events..", "..ws.metrics..");

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

    /** Features talk through their own objects: only the command feature reads or writes what a send is owed. */
    @ArchTest
    static final ArchRule onlyTheCommandFeatureAnswersSends = noClasses()
            .that().resideOutsideOfPackages("..ws.command..", "..ws.session..")
            .should().callMethodWhere(target(nameMatching("rememberSend|takeSend|forgetSend")));
}
