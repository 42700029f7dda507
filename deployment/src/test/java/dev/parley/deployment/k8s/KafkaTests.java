package dev.parley.deployment.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.events.Topic;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.nodepool.ProcessRoles;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Kafka through Strimzi: KRaft with node pools, and exactly the topics of contract §4. */
class KafkaTests {

    /** message-service's consumer threads per instance (parley.message.kafka.commands-concurrency). */
    private static final int COMMAND_CONSUMERS_PER_INSTANCE = 2;

    /** The overlays that run Kafka in the cluster (one for a managed Kafka would not). */
    static List<String> overlays() {
        return RenderedOverlay.names().stream().filter(name -> !RenderedOverlay.of(name).ofKind("Kafka").isEmpty()).toList();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theTopicsAreExactlyTheContractTopicsWithTheirRetention(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        String cluster = rendered.all(Kafka.class).getFirst().getMetadata().getName();
        Map<String, KafkaTopic> topics = topics(rendered);

        assertThat(topics.keySet()).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(Topic.values()).map(Topic::topicName).toList());
        for (Topic topic : Topic.values()) {
            KafkaTopic kafkaTopic = topics.get(topic.topicName());
            assertThat(kafkaTopic.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", cluster);
            Map<String, Object> config = kafkaTopic.getSpec().getConfig();
            assertThat(((Number) config.get("retention.ms")).longValue()).as(topic + " retention.ms")
                    .isEqualTo(topic.retentionMs());
            assertThat(config).as(topic.topicName()).containsEntry("cleanup.policy", "delete");
        }
    }

    @Test
    void productionKeepsThreeCopiesOfEveryTopicAndAcknowledgesOnTwo() {
        RenderedOverlay production = RenderedOverlay.of("production");

        topics(production).forEach((name, topic) -> {
            assertThat(topic.getSpec().getReplicas()).as(name + " replicas").isEqualTo(3);
            assertThat(topic.getSpec().getConfig()).as(name).containsEntry("min.insync.replicas", 2);
        });
        // topics a service creates before the Topic Operator does get the same
        assertThat(production.all(Kafka.class).getFirst().getSpec().getKafka().getConfig())
                .containsEntry("default.replication.factor", 3).containsEntry("min.insync.replicas", 2);
        assertThat(nodes(production, ProcessRoles.BROKER)).isGreaterThanOrEqualTo(3);
        assertThat(nodes(production, ProcessRoles.CONTROLLER)).isEqualTo(3);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theClusterRunsInKraftModeWithNodePools(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        Kafka kafka = rendered.all(Kafka.class).getFirst();

        assertThat(kafka.getMetadata().getAnnotations())
                .containsEntry("strimzi.io/node-pools", "enabled").containsEntry("strimzi.io/kraft", "enabled");
        assertThat(rendered.all(KafkaNodePool.class)).allSatisfy(pool ->
                assertThat(pool.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", kafka.getMetadata().getName()));
        assertThat(nodes(rendered, ProcessRoles.CONTROLLER) % 2).as("controllers: an odd quorum").isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theServicesReachThePlainListenerThroughTheBootstrapService(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        Kafka kafka = rendered.all(Kafka.class).getFirst();
        GenericKafkaListener plain = kafka.getSpec().getKafka().getListeners().stream()
                .filter(listener -> !listener.isTls()).findFirst().orElseThrow();

        assertThat(rendered.all(ConfigMap.class)).filteredOn(map -> map.getMetadata().getName().startsWith("parley-config"))
                .singleElement().satisfies(map -> assertThat(map.getData()).containsEntry("KAFKA_BOOTSTRAP_SERVERS",
                        kafka.getMetadata().getName() + "-kafka-bootstrap:" + plain.getPort()));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theMessageTopicsHaveThePartitionsMessageServiceCreatesThemWith(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        Deployment messageService = rendered.all(Deployment.class).stream()
                .filter(deployment -> deployment.getMetadata().getName().equals("message-service")).findFirst().orElseThrow();
        int partitions = Integer.parseInt(ServicePodTests.env(ServicePodTests.container(messageService), "PARLEY_MESSAGE_KAFKA_PARTITIONS"));
        Map<String, KafkaTopic> topics = topics(rendered);

        assertThat(topics.get(Topic.MESSAGE_COMMANDS.topicName()).getSpec().getPartitions()).isEqualTo(partitions);
        assertThat(topics.get(Topic.MESSAGE_EVENTS.topicName()).getSpec().getPartitions()).isEqualTo(partitions);
        // more instances than partitions / consumers would idle
        rendered.all(HorizontalPodAutoscaler.class).stream()
                .filter(hpa -> hpa.getSpec().getScaleTargetRef().getName().equals("message-service"))
                .forEach(hpa -> assertThat(hpa.getSpec().getMaxReplicas() * COMMAND_CONSUMERS_PER_INSTANCE)
                        .isLessThanOrEqualTo(partitions));
    }

    static Map<String, KafkaTopic> topics(RenderedOverlay rendered) {
        return rendered.all(KafkaTopic.class).stream().collect(Collectors.toMap(
                topic -> topic.getSpec().getTopicName() != null ? topic.getSpec().getTopicName() : topic.getMetadata().getName(),
                topic -> topic));
    }

    private static int nodes(RenderedOverlay rendered, ProcessRoles role) {
        return rendered.all(KafkaNodePool.class).stream()
                .filter(pool -> pool.getSpec().getRoles().contains(role))
                .mapToInt(pool -> pool.getSpec().getReplicas()).sum();
    }
}
