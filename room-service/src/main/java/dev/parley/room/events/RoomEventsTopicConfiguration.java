package dev.parley.room.events;

import dev.parley.events.Topic;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** room-service owns {@code parley.room-events.v1}: it is its only producer. Kept forever (replayable). */
@Configuration(proxyBeanMethods = false)
class RoomEventsTopicConfiguration {

    @Bean
    NewTopic roomEventsTopic(RoomEventsProperties properties) {
        return TopicBuilder.name(Topic.ROOM_EVENTS.topicName())
                .partitions(properties.partitions())
                .config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(Topic.ROOM_EVENTS.retentionMs()))
                .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE)
                .build();
    }
}
