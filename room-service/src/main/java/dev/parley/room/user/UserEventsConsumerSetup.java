package dev.parley.room.user;

import dev.parley.events.Topic;
import dev.parley.platform.kafka.ConsumerGroupCatchUp;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/** How the user directory's consumer treats failures and commits, and how a lookup waits for it. */
@Configuration(proxyBeanMethods = false)
class UserEventsConsumerSetup {

    /**
     * The listener skips what it can never apply, so what fails here is transient (PostgreSQL away).
     * Skipping would lose a user for good, so the partition waits and retries without limit.
     */
    @Bean
    DefaultErrorHandler retryUntilRecovered() {
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(5_000);
        return new DefaultErrorHandler(backOff);
    }

    /**
     * Closes the register-then-invite race: before answering user_not_found, wait until the
     * directory has applied every event of that user published so far.
     */
    @Bean(destroyMethod = "close")
    ConsumerGroupCatchUp userEventsCatchUp(KafkaAdmin kafkaAdmin, UserDirectoryProperties properties) {
        return new ConsumerGroupCatchUp(kafkaAdmin, Topic.USER_EVENTS, properties.groupId(),
                properties.catchUpTimeout(), properties.catchUpPollInterval());
    }

    /** Commit past transaction markers too, so "committed ≥ end offset" means caught up. */
    @Bean
    ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> fixTransactionalOffsets() {
        return container -> container.getContainerProperties().setFixTxOffsets(true);
    }
}
