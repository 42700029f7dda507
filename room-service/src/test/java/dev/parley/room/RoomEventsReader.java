package dev.parley.room;

import dev.parley.events.EventCodec;
import dev.parley.events.EventHeaders;
import dev.parley.events.Topic;
import dev.parley.events.room.RoomEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads parley.room-events.v1 from the beginning with a plain consumer, as a third party would. */
final class RoomEventsReader {

    private static final EventCodec CODEC = new EventCodec();

    private final String bootstrapServers;

    RoomEventsReader(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** The room's events in topic order, once at least {@code count} are there (or after 10 s). */
    List<Received> eventsOf(UUID roomId, int count) {
        return eventsOf(roomId, count, Duration.ofSeconds(10));
    }

    /** The room's events in topic order, once at least {@code count} are there (or after {@code wait}). */
    List<Received> eventsOf(UUID roomId, int count, Duration wait) {
        List<Received> received = new ArrayList<>();
        try (var consumer = fromTheBeginning()) {
            Instant deadline = Instant.now().plus(wait);
            while (received.size() < count && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key().equals(roomId.toString())) {
                        received.add(Received.of(record));
                    }
                }
            }
        }
        return received;
    }

    /** Every event on the topic now, from offset 0 to the current end, each partition in order. */
    List<Received> everything() {
        return upToTheEnd(record -> true);
    }

    /**
     * The room's events on the topic now, however long reading the topic up to its current end takes (read for a
     * fixed time, a slow machine could return fewer than were there).
     */
    List<Received> eventsNowOf(UUID roomId) {
        return upToTheEnd(record -> record.key().equals(roomId.toString()));
    }

    private List<Received> upToTheEnd(Predicate<ConsumerRecord<String, byte[]>> matching) {
        List<Received> received = new ArrayList<>();
        try (var consumer = fromTheBeginning()) {
            Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
            Instant deadline = Instant.now().plusSeconds(30);
            while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("Could not read the room events up to " + ends);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (matching.test(record)) {
                        received.add(Received.of(record));
                    }
                }
            }
        }
        return received;
    }

    private KafkaConsumer<String, byte[]> fromTheBeginning() {
        var consumer = new KafkaConsumer<String, byte[]>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000));
        List<TopicPartition> partitions = consumer.partitionsFor(Topic.ROOM_EVENTS.topicName()).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    record Received(RoomEvent event, String eventType, String eventId, String schemaVersion, String traceparent,
                    int partition) {

        static Received of(ConsumerRecord<String, byte[]> record) {
            String eventType = header(record, EventHeaders.EVENT_TYPE);
            return new Received(CODEC.decode(eventType, record.value(), RoomEvent.class), eventType,
                    header(record, EventHeaders.EVENT_ID), header(record, EventHeaders.SCHEMA_VERSION),
                    header(record, EventHeaders.TRACEPARENT), record.partition());
        }

        private static String header(ConsumerRecord<?, ?> record, String name) {
            Header header = record.headers().lastHeader(name);
            return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }
    }
}
