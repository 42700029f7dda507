package dev.parley.gateway.ws.fanout;

import dev.parley.events.Topic;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.stereotype.Component;

/**
 * The {@code fanout} health component, part of readiness: a gateway takes no clients before each of
 * its consumers holds its partitions and has fixed its starting offsets, or the first pushes of a new
 * session could be missed. The first assignment of a topic starts at its end, whatever offsets a
 * previous run of the same gateway id committed: replaying events to sessions that no longer exist
 * is useless work. Later rebalances resume from the committed offsets, so nothing is skipped.
 */
@Component("fanout")
class FanoutReadiness implements HealthIndicator, ConsumerAwareRebalanceListener {

    static final Set<String> TOPICS = Stream.of(Topic.MESSAGE_EVENTS, Topic.ROOM_EVENTS, Topic.PRESENCE_EVENTS,
            Topic.SIGNALS).map(Topic::topicName).collect(Collectors.toUnmodifiableSet());

    private final Set<String> positioned = ConcurrentHashMap.newKeySet();

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        Set<String> topics = partitions.stream().map(TopicPartition::topic).collect(Collectors.toSet());
        if (topics.stream().anyMatch(topic -> !positioned.contains(topic))) {
            consumer.seekToEnd(partitions);
        }
        partitions.forEach(consumer::position); // resolve the positions now, not lazily at the first poll
        positioned.addAll(topics);
    }

    @Override
    public Health health() {
        if (positioned.containsAll(TOPICS)) {
            return Health.up().build();
        }
        return Health.outOfService().withDetail("waitingFor", TOPICS.stream()
                .filter(topic -> !positioned.contains(topic)).sorted().toList()).build();
    }
}
