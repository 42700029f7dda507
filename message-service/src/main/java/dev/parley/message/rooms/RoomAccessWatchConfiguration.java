package dev.parley.message.rooms;

import java.util.UUID;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;

/**
 * The container of {@link RoomAccessWatch}: a consumer group of the instance's own,
 * {@code message-service-access-<random>}, so that every instance reads every partition; started at the end of the
 * topic and never committing an offset (the listener never acknowledges), so the group holds nothing a later run
 * needs, and the broker deletes it — it has no offsets — once the instance has left it.
 */
@Configuration(proxyBeanMethods = false)
class RoomAccessWatchConfiguration {

    static final String LISTENER = "room-access-watch";
    static final String CONTAINER_FACTORY = "roomAccessWatchContainerFactory";

    @Bean(CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<Object, Object> roomAccessWatchContainerFactory(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumers,
            RecentRoomAccess recentAccess) {
        var factory = new ConcurrentKafkaListenerContainerFactory<Object, Object>();
        configurer.configure(factory, consumers);
        String groupId = "message-service-access-" + UUID.randomUUID();
        factory.setContainerCustomizer(container -> container.getContainerProperties().setGroupId(groupId));
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.MANUAL);
        factory.getContainerProperties().setConsumerRebalanceListener(RoomAccessWatch.rebalances(recentAccess));
        return factory;
    }
}
