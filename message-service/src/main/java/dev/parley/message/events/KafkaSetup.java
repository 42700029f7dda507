package dev.parley.message.events;

import dev.parley.events.EventCodec;
import dev.parley.events.Topic;
import java.time.Duration;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/** Topics message-service owns, and how its listeners treat failures. */
@Configuration(proxyBeanMethods = false)
class KafkaSetup {

    @Bean
    EventCodec eventCodec() {
        return new EventCodec();
    }

    @Bean
    NewTopic messageCommandsTopic(MessageKafkaProperties properties) {
        return topic(Topic.MESSAGE_COMMANDS, properties, properties.commandsRetention());
    }

    @Bean
    NewTopic messageEventsTopic(MessageKafkaProperties properties) {
        return topic(Topic.MESSAGE_EVENTS, properties, properties.eventsRetention());
    }

    /**
     * Listeners skip what they can never process (unknown types, malformed JSON) and refuse what fails every
     * time themselves, so what reaches here is transient (PostgreSQL or Kafka unavailable). Skipping a record
     * would break a room's order or lose a message, so the partition waits and retries the whole batch (the
     * backoff has no limit) until the failure clears (contract §5.5).
     */
    @Bean
    DefaultErrorHandler retryUntilRecovered(MessageKafkaProperties properties) {
        ExponentialBackOff backOff = new ExponentialBackOff(properties.retryInitialInterval().toMillis(), 2.0);
        backOff.setMaxInterval(properties.retryMaxInterval().toMillis());
        return new DefaultErrorHandler(backOff);
    }

    /** Commit past transaction markers too, so "committed ≥ end offset" means caught up (see ConsumerGroupCatchUp). */
    @Bean
    ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> fixTransactionalOffsets() {
        return container -> container.getContainerProperties().setFixTxOffsets(true);
    }

    private static NewTopic topic(Topic topic, MessageKafkaProperties properties, Duration retention) {
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
