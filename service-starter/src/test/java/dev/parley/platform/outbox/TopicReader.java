package dev.parley.platform.outbox;

import dev.parley.events.EventHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a topic from the beginning with a plain consumer and keeps the records of one key. */
final class TopicReader {

    private final String bootstrapServers;

    TopicReader(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** The key's records in topic order, once at least {@code count} are there (or after {@code wait}). */
    List<Received> recordsOf(String topic, String key, int count, Duration wait) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        List<Received> received = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, byte[]>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Instant deadline = Instant.now().plus(wait);
            while (received.size() < count && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key())) {
                        received.add(Received.of(record));
                    }
                }
            }
        }
        return received;
    }

    record Received(String eventType, String eventId, String schemaVersion, String traceparent, String payload) {

        static Received of(ConsumerRecord<String, byte[]> record) {
            return new Received(header(record, EventHeaders.EVENT_TYPE), header(record, EventHeaders.EVENT_ID),
                    header(record, EventHeaders.SCHEMA_VERSION), header(record, EventHeaders.TRACEPARENT),
                    new String(record.value(), StandardCharsets.UTF_8));
        }

        private static String header(ConsumerRecord<?, ?> record, String name) {
            var header = record.headers().lastHeader(name);
            return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }
    }
}
