package dev.parley.room.events;

import dev.parley.events.Topic;
import dev.parley.platform.kafka.TopicDeclarations;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** room-service owns {@code parley.room-events.v1}: it is its only producer. Kept forever (replayable) unless configured. */
@Configuration(proxyBeanMethods = false)
class RoomEventsTopicConfiguration {

    @Bean
    NewTopic roomEventsTopic(RoomEventsProperties properties) {
        return TopicDeclarations.declare(Topic.ROOM_EVENTS, properties.partitions(), null, properties.retention());
    }
}
