package dev.parley.auth.account;

import dev.parley.events.Topic;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** auth-service owns parley.user-events.v1: keyed by user id, kept forever (replayable). */
@Configuration
class UserEventsTopicConfiguration {

    @Bean
    NewTopic userEventsTopic(@Value("${parley.auth.user-events-partitions:6}") int partitions) {
        return TopicBuilder.name(Topic.USER_EVENTS.topicName())
                .partitions(partitions)
                .config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(Topic.USER_EVENTS.retentionMs()))
                .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE)
                .build();
    }
}
