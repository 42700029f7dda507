package dev.parley.gateway.ws.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.events.Topic;
import dev.parley.gateway.ws.support.GatewayIntegrationTest;
import dev.parley.gateway.ws.support.SecondGateway;
import dev.parley.infra.Infrastructure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/**
 * ws-gateway is the only producer of presence transitions and typing signals, so it declares their topics
 * (ADR 0003): on a broker that creates no topic by itself, a gateway started without them creates them —
 * and so its fan-out takes their partitions and the gateway becomes ready.
 */
class OwnTopicsTests extends GatewayIntegrationTest {

    private static final List<String> OWN = List.of(Topic.PRESENCE_EVENTS.topicName(), Topic.SIGNALS.topicName());

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Test
    void aGatewayCreatesThePresenceAndSignalsTopicsWithTheirRetentionWhenTheBrokerHasNone() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                Infrastructure.shared().kafkaBootstrapServers()))) {
            try {
                admin.deleteTopics(OWN).all().get(30, TimeUnit.SECONDS);
                awaitTrue("topics deleted", Duration.ofSeconds(30),
                        () -> OWN.stream().noneMatch(topicNames(admin)::contains));

                // ready only once every fan-out consumer holds its partitions: it throws after 60 s otherwise
                try (SecondGateway gateway = SecondGateway.start("gw-topics-" + UUID.randomUUID().toString()
                        .substring(0, 4), Map.of("parley.ws.topics.partitions", "8"))) {
                    assertThat(admin.describeTopics(OWN).allTopicNames().get(30, TimeUnit.SECONDS))
                            .allSatisfy((name, description) -> assertThat(description.partitions()).hasSize(8));
                    assertThat(retention(admin, Topic.PRESENCE_EVENTS)).isEqualTo(Duration.ofDays(1).toMillis());
                    assertThat(retention(admin, Topic.SIGNALS)).isEqualTo(Duration.ofHours(1).toMillis());
                    assertThat(config(admin, Topic.SIGNALS).get(TopicConfig.CLEANUP_POLICY_CONFIG).value())
                            .isEqualTo(TopicConfig.CLEANUP_POLICY_DELETE);
                }
            } finally {
                // The shared gateway holds the recreated topics' partitions again before other tests rely on them.
                // More than the default 6, so that no later gateway (declaring 6) adds partitions to them.
                awaitTrue("the shared gateway consumes the recreated topics", Duration.ofSeconds(60),
                        () -> listeners.getListenerContainer("presence").getAssignedPartitions().size() == 8
                                && listeners.getListenerContainer("signals").getAssignedPartitions().size() == 8);
            }
        }
    }

    private static java.util.Set<String> topicNames(Admin admin) {
        try {
            return admin.listTopics().names().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long retention(Admin admin, Topic topic) throws Exception {
        return Long.parseLong(config(admin, topic).get(TopicConfig.RETENTION_MS_CONFIG).value());
    }

    private static Config config(Admin admin, Topic topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic.topicName());
        return admin.describeConfigs(List.of(resource)).all().get(10, TimeUnit.SECONDS).get(resource);
    }
}
