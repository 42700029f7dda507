package dev.parley.message.rooms;

import dev.parley.events.room.RoomEvent;
import dev.parley.platform.kafka.EventRecords;
import dev.parley.platform.kafka.RecordTraces;
import java.util.Collection;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.stereotype.Component;

/**
 * This instance's own view of {@code parley.room-events.v1}, for {@link RecentRoomAccess}: the projection's consumer
 * group splits the topic between the instances and applies it to PostgreSQL, so neither tells an instance of a ban
 * another one applied — nor of any while PostgreSQL is down. Each instance therefore reads the whole topic from its
 * end in a consumer group of its own ({@link RoomAccessWatchConfiguration}), which commits nothing. A gap in what it
 * read — a start, a lost session, partitions taken away — makes {@link RecentRoomAccess} forget what it knew.
 */
@Component
class RoomAccessWatch {

    private final EventRecords records;
    private final RecordTraces traces;
    private final RecentRoomAccess recentAccess;

    RoomAccessWatch(EventRecords records, RecordTraces traces, RecentRoomAccess recentAccess) {
        this.records = records;
        this.traces = traces;
        this.recentAccess = recentAccess;
    }

    @KafkaListener(id = RoomAccessWatchConfiguration.LISTENER, idIsGroup = false,
            containerFactory = RoomAccessWatchConfiguration.CONTAINER_FACTORY,
            topics = "#{T(dev.parley.events.Topic).ROOM_EVENTS.topicName()}",
            properties = "auto.offset.reset=latest")
    void on(ConsumerRecord<String, byte[]> record) {
        // what the projection skips changes no answer it gives either
        traces.receive(record, () -> records.read(record, RoomEvent.class)
                .filter(RoomEventsListener::isComplete)
                .ifPresent(recentAccess::seen));
    }

    /**
     * Tells {@code recentAccess} of the watch's partitions changing hands: each (re)assignment may follow a gap, and
     * starts at the end of the topic, so what was known before no longer counts. Not a bean: Spring Boot would give
     * a rebalance-listener bean to every listener container of the service.
     */
    static ConsumerAwareRebalanceListener rebalances(RecentRoomAccess recentAccess) {
        return new ConsumerAwareRebalanceListener() {
            @Override
            public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                if (!partitions.isEmpty()) {
                    recentAccess.watching();
                }
            }

            @Override
            public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                if (!partitions.isEmpty()) {
                    recentAccess.notWatching();
                }
            }

            @Override
            public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                recentAccess.notWatching();
            }
        };
    }
}
