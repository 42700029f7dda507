package dev.parley.gateway.ws.fanout;

import java.util.Collection;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.stereotype.Component;

/**
 * The {@code fanout} health component, part of readiness: a gateway takes no clients before its
 * fan-out consumer holds its partitions and has fixed its starting offsets, or the first pushes
 * of a new session could be missed.
 */
@Component("fanout")
class FanoutReadiness implements HealthIndicator, ConsumerAwareRebalanceListener {

    private final AtomicBoolean positioned = new AtomicBoolean();

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        // position() resolves the "latest" reset now, instead of lazily at the first poll
        partitions.forEach(consumer::position);
        positioned.set(true);
    }

    @Override
    public Health health() {
        return positioned.get() ? Health.up().build() : Health.outOfService().withDetail("reason",
                "message events consumer not yet assigned").build();
    }
}
