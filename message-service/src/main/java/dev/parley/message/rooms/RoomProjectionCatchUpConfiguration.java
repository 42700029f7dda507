package dev.parley.message.rooms;

import dev.parley.events.Topic;
import dev.parley.platform.kafka.ConsumerGroupCatchUp;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * A user who just joined (room-service answered 201 once MemberJoined was in Kafka) may send before
 * the projection applied the join. Before a check says "no", it waits until the projection's group
 * has committed up to the current end of that room's partition of parley.room-events.v1.
 */
@Configuration(proxyBeanMethods = false)
class RoomProjectionCatchUpConfiguration {

    @Bean(destroyMethod = "close")
    ConsumerGroupCatchUp roomEventsCatchUp(KafkaAdmin kafkaAdmin, RoomProjectionProperties properties) {
        return new ConsumerGroupCatchUp(kafkaAdmin, Topic.ROOM_EVENTS, properties.groupId(),
                properties.catchUpTimeout(), properties.catchUpPollInterval());
    }
}
