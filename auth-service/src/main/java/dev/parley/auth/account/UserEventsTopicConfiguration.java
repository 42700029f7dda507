package dev.parley.auth.account;

import dev.parley.events.Topic;
import dev.parley.platform.kafka.TopicDeclarations;
import java.time.Duration;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * auth-service owns parley.user-events.v1: keyed by user id, kept forever (replayable) unless
 * {@code parley.auth.user-events-retention} says otherwise (contract §4: retentions are configurable).
 */
@Configuration
class UserEventsTopicConfiguration {

    @Bean
    NewTopic userEventsTopic(@Value("${parley.auth.user-events-partitions:6}") int partitions,
                             @Value("${parley.auth.user-events-retention:#{null}}") Duration retention) {
        return TopicDeclarations.declare(Topic.USER_EVENTS, partitions, null, retention);
    }
}
