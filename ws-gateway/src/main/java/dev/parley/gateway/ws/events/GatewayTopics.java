package dev.parley.gateway.ws.events;

import dev.parley.events.Topic;
import java.time.Duration;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * The topics ws-gateway is the only producer of, so owns and declares (ADR 0003): presence transitions and
 * typing signals. Without them a broker with {@code auto.create.topics.enable=false} has neither topic, the
 * fan-out never gets their partitions and the gateway never becomes ready. Spring's {@code KafkaAdmin}
 * creates a missing one at start-up and leaves an existing one alone (only partitions are ever raised).
 */
@Configuration(proxyBeanMethods = false)
class GatewayTopics {

    @Bean
    NewTopic presenceEventsTopic(TopicProperties properties) {
        return topic(Topic.PRESENCE_EVENTS, properties, properties.presenceRetention());
    }

    @Bean
    NewTopic signalsTopic(TopicProperties properties) {
        return topic(Topic.SIGNALS, properties, properties.signalsRetention());
    }

    private static NewTopic topic(Topic topic, TopicProperties properties, Duration retention) {
        TopicBuilder builder = TopicBuilder.name(topic.topicName())
                .partitions(properties.partitions())
                .config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis()))
                .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
        if (properties.replicationFactor() != null) {
            builder.replicas(properties.replicationFactor());
        }
        return builder.build();
    }
}
