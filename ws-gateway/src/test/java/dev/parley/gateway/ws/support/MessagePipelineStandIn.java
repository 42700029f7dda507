package dev.parley.gateway.ws.support;

import dev.parley.events.EventCodec;
import dev.parley.events.EventHeaders;
import dev.parley.events.ParleyEvent;
import dev.parley.events.Topic;
import dev.parley.events.message.MessageCommand;
import dev.parley.events.message.MessageEvent;
import dev.parley.events.presence.PresenceEvent;
import dev.parley.events.room.RoomEvent;
import dev.parley.events.signal.SignalEvent;
import dev.parley.infra.Infrastructure;
import dev.parley.platform.kafka.EventRecords;
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
 * Real Kafka clients on the contract's topics: reads what the gateway publishes on one topic (from
 * the moment it is created), and publishes events as their producers (message-service, room-service,
 * other gateways) would.
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

    /** Every record of the family that arrives within the duration. */
    public <E extends ParleyEvent> List<E> collect(Class<E> family, Duration duration) {
        List<E> events = new java.util.ArrayList<>();
        long deadline = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                events.add(codec.decode(headers(record).get(EventHeaders.EVENT_TYPE), record.value(), family));
            }
        }
        return events;
    }

    /** Publishes on the topic of the event's family, as its producer would. */
    public void publish(ParleyEvent event) {
        publish(topicOf(event), event);
    }

    public void publish(Topic topic, ParleyEvent event) {
        publish(topic, event, Map.of());
    }

    /** With more headers, e.g. the {@code traceparent} of the producer's span. */
    public void publish(Topic topic, ParleyEvent event, Map<String, String> moreHeaders) {
        ProducerRecord<String, byte[]> record = EventRecords.record(topic.topicName(), event.key(),
                EventCodec.eventType(event), UUID.randomUUID(), codec.encode(event));
        moreHeaders.forEach((name, value) -> record.headers().add(name, utf8(value)));
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static Topic topicOf(ParleyEvent event) {
        return switch (event) {
            case MessageEvent e -> Topic.MESSAGE_EVENTS;
            case MessageCommand c -> Topic.MESSAGE_COMMANDS;
            case RoomEvent e -> Topic.ROOM_EVENTS;
            case PresenceEvent e -> Topic.PRESENCE_EVENTS;
            case SignalEvent e -> Topic.SIGNALS;
            default -> throw new IllegalArgumentException("no topic for " + event);
        };
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
