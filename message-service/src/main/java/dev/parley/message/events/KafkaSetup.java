package dev.parley.message.events;

import dev.parley.events.Topic;
import dev.parley.platform.kafka.TopicDeclarations;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/** Topics message-service owns, and how its listeners treat failures. */
@Configuration(proxyBeanMethods = false)
public class KafkaSetup {

    /** The id of the command consumer's listener (MessageCommandsListener). */
    public static final String COMMANDS_LISTENER = "message-commands";

    @Bean
    NewTopic messageCommandsTopic(MessageKafkaProperties properties) {
        return TopicDeclarations.declare(Topic.MESSAGE_COMMANDS, properties.partitions(), properties.replicationFactor(),
                properties.commandsRetention());
    }

    @Bean
    NewTopic messageEventsTopic(MessageKafkaProperties properties) {
        return TopicDeclarations.declare(Topic.MESSAGE_EVENTS, properties.partitions(), properties.replicationFactor(),
                properties.eventsRetention());
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

    /**
     * The projections commit past transaction markers too, so "committed ≥ end offset" means caught up (see
     * ConsumerGroupCatchUp). Not the command consumer: Spring Kafka corrects the offsets before every poll,
     * and with commits a second apart it found the position ahead of the last commit nearly every time — 50
     * offset commits a second at W1 where two (one a consumer) were meant (docs/performance.md); nothing waits on its catch-up.
     * The command consumer commits without waiting for the broker: its offsets are committed only after the
     * batch's events are on the broker either way, and a commit that is lost only redelivers commands that are
     * answered again as duplicates — while waiting cost every batch a round trip to the group coordinator
     * (≈ 5 ms, a fifth of the send→ack median; docs/performance.md). By the same reasoning it commits once
     * per {@code commandsCommitInterval}, not after every batch: at W1's rate a batch is one or two commands,
     * and a commit each was a write to {@code __consumer_offsets} and a round of the broker's group coordinator
     * per command. A kill -9 then redelivers at most that interval's commands, each answered from what is
     * stored; a partition that moves away on a rebalance, or a graceful stop, commits at once.
     */
    @Bean
    ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> commitSettings(
            MessageKafkaProperties properties) {
        return container -> {
            if (COMMANDS_LISTENER.equals(container.getListenerId())) {
                container.getContainerProperties().setSyncCommits(false);
                container.getContainerProperties().setAckMode(ContainerProperties.AckMode.TIME);
                container.getContainerProperties().setAckTime(properties.commandsCommitInterval().toMillis());
            } else {
                container.getContainerProperties().setFixTxOffsets(true);
            }
        };
    }
}
