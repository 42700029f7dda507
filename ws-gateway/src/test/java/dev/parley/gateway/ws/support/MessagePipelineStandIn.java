package dev.parley.gateway.ws.support;

import dev.parley.events.EventCodec;
import dev.parley.events.EventHeaders;
import dev.parley.events.ParleyEvent;
import dev.parley.events.Topic;
import dev.parley.infra.Infrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Stands in for message-service's Kafka side with real clients: reads what the gateway publishes on
 * a topic (from the moment it is created) and publishes message events as message-service would.
 */
public final class MessagePipelineStandIn implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final EventCodec codec = new EventCodec();
    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> producer;

    /** A received record, decoded. */
    public record Received<E>(E event, String key, Map<String, String> headers) {
    }

    public MessagePipelineStandIn(Topic watched) {
        String servers = Infrastructure.shared().kafkaBootstrapServers();
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(watched.topicName()).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // fix the start now, before the test acts
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    /** The first record of the family that matches, waiting for it. */
    public <E extends ParleyEvent> Received<E> await(Class<E> family, Predicate<E> matching) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                Map<String, String> headers = headers(record);
                E event = codec.decode(headers.get(EventHeaders.EVENT_TYPE), record.value(), family);
                if (matching.test(event)) {
                    return new Received<>(event, record.key(), headers);
                }
            }
        }
        throw new AssertionError("no matching " + family.getSimpleName() + " within " + WAIT);
    }

    public void publish(ParleyEvent event) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topic.MESSAGE_EVENTS.topicName(), event.key(),
                codec.encode(event));
        record.headers().add(EventHeaders.EVENT_TYPE, utf8(EventCodec.eventType(event)))
                .add(EventHeaders.EVENT_ID, utf8(UUID.randomUUID().toString()))
                .add(EventHeaders.SCHEMA_VERSION, utf8("1"));
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static Instant now() {
        return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    private static Map<String, String> headers(ConsumerRecord<String, byte[]> record) {
        Map<String, String> headers = new java.util.HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        consumer.close();
        producer.close();
    }
}
