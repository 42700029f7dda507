package dev.parley.gateway.ws.events;

import dev.parley.events.Topic;
import dev.parley.platform.kafka.TopicDeclarations;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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
        return TopicDeclarations.declare(Topic.PRESENCE_EVENTS, properties.partitions(), properties.replicationFactor(),
                properties.presenceRetention());
    }

    @Bean
    NewTopic signalsTopic(TopicProperties properties) {
        return TopicDeclarations.declare(Topic.SIGNALS, properties.partitions(), properties.replicationFactor(),
                properties.signalsRetention());
    }
}
