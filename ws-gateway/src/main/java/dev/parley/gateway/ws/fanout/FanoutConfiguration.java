package dev.parley.gateway.ws.fanout;

import dev.parley.gateway.ws.GatewayProperties;
import java.time.Duration;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;

/**
 * Every gateway instance must see every event (each holds different sessions), so each listener
 * consumes in a consumer group of its own, {@code ws-gateway-<gatewayId>-<listener>}: one group per
 * topic, so a rebalance of one never pauses another. Each starts at the end of its topic (see
 * {@link FanoutReadiness}): a gateway that just started has no sessions older events could concern. The
 * groups go with the instance: {@link FanoutGroups} deletes them on shutdown.
 */
@Configuration(proxyBeanMethods = false)
class FanoutConfiguration {

    static final String CONTAINER_FACTORY = "fanoutContainerFactory";
    private static final Duration COMMIT_INTERVAL = Duration.ofSeconds(5);

    @Bean(CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<Object, Object> fanoutContainerFactory(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumers,
            GatewayProperties gateway, FanoutReadiness readiness) {
        var factory = new ConcurrentKafkaListenerContainerFactory<Object, Object>();
        configurer.configure(factory, consumers);
        factory.setContainerCustomizer(container -> container.getContainerProperties()
                .setGroupId("ws-gateway-" + gateway.gatewayId() + "-" + container.getListenerId()));
        factory.getContainerProperties().setConsumerRebalanceListener(readiness);
        // Offsets only matter after a rebalance of these one-member groups (a gateway starts at the end of every
        // topic, FanoutReadiness): committing them must not hold up the fan-out a round trip to the group
        // coordinator after every poll, nor cost the broker an offset write per poll (docs/performance.md).
        factory.getContainerProperties().setSyncCommits(false);
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.TIME);
        factory.getContainerProperties().setAckTime(COMMIT_INTERVAL.toMillis());
        return factory;
    }
}
