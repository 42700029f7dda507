package dev.parley.message;

import static org.assertj.core.api.Assertions.fail;

import dev.parley.events.EventCodec;
import dev.parley.events.EventHeaders;
import dev.parley.events.ParleyEvent;
import dev.parley.events.Topic;
import dev.parley.events.message.MessageEvent;
import dev.parley.events.message.MessagePosted;
import dev.parley.events.message.Origin;
import dev.parley.events.message.SendMessage;
import dev.parley.events.room.MemberJoined;
import dev.parley.events.room.RoomCreated;
import dev.parley.infra.Infrastructure;
import dev.parley.platform.kafka.EventRecords;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;

/**
 * Plays the other services against the real broker: room-service's events and the gateways' commands
 * go in through a real producer, message events come back through a real consumer.
 */
public final class TestKafka {

    public static final Origin ORIGIN = new Origin("gateway-test", "session-test");
    private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(60);
    private static TestKafka shared;

    private final String bootstrapServers = Infrastructure.shared().kafkaBootstrapServers();
    private final EventCodec codec = new EventCodec();
    private final KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.LINGER_MS_CONFIG, 0,
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));

    private TestKafka() {
    }

    public static synchronized TestKafka shared() {
        if (shared == null) {
            shared = new TestKafka();
        }
        return shared;
    }

    /** Publishes like a Parley service does (key, eventType, eventId, schemaVersion) and waits for the ack. */
    public void publish(Topic topic, ParleyEvent event) {
        publishRaw(topic, event.key(), EventCodec.eventType(event), codec.encode(event));
    }

    public void publishRaw(Topic topic, String key, String eventType, byte[] value) {
        publishRaw(topic, key, eventType, value, Map.of());
    }

    /** With more headers, e.g. the {@code traceparent} of the producer's span. */
    public void publishRaw(Topic topic, String key, String eventType, byte[] value, Map<String, String> moreHeaders) {
        ProducerRecord<String, byte[]> record = EventRecords.record(topic.topicName(), key, eventType, UUID.randomUUID(),
                value);
        moreHeaders.forEach((name, headerValue) ->
                record.headers().add(new RecordHeader(name, headerValue.getBytes(StandardCharsets.UTF_8))));
        try {
            producer.send(record).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not publish to " + topic.topicName(), e);
        }
    }

    /** What room-service publishes for a new room: RoomCreated, then MemberJoined of the owner. */
    public void createRoom(UUID roomId, String visibility, UUID ownerId) {
        publish(Topic.ROOM_EVENTS, new RoomCreated(roomId, "group", "room", null, visibility, ownerId, Instant.now()));
        join(roomId, ownerId, "owner");
    }

    public void join(UUID roomId, UUID userId) {
        join(roomId, userId, "member");
    }

    public void join(UUID roomId, UUID userId, String role) {
        publish(Topic.ROOM_EVENTS, new MemberJoined(roomId, userId, role, Instant.now()));
    }

    public SendMessage send(UUID roomId, UUID senderId, String clientMsgId, String body) {
        SendMessage command = new SendMessage(UUID.randomUUID(), roomId, senderId, clientMsgId, body, Instant.now(),
                ORIGIN);
        publish(Topic.MESSAGE_COMMANDS, command);
        return command;
    }

    /** A send as a gateway publishes it within a trace: with the {@code traceparent} of its producer span. */
    public SendMessage send(UUID roomId, UUID senderId, String clientMsgId, String body, String traceparent) {
        SendMessage command = new SendMessage(UUID.randomUUID(), roomId, senderId, clientMsgId, body, Instant.now(),
                ORIGIN);
        publishRaw(Topic.MESSAGE_COMMANDS, command.key(), EventCodec.eventType(command), codec.encode(command),
                Map.of(EventHeaders.TRACEPARENT, traceparent));
        return command;
    }

    /** The first {@code count} message events of the room, in the order the topic holds them. */
    public List<MessageEvent> awaitEvents(UUID roomId, int count) {
        return awaitEvents(roomId, count, event -> true);
    }

    /** The first {@code count} message events of the room that match, in the order the topic holds them. */
    public List<MessageEvent> awaitEvents(UUID roomId, int count, Predicate<MessageEvent> matching) {
        return awaitRecords(roomId, count, matching).stream().map(Received::event).toList();
    }

    /** An event as consumed, with its {@code eventId} header (equal for a republication of the same event). */
    public record Received(MessageEvent event, String eventId) {
    }

    /** An event as consumed, with its {@code traceparent} header (each publication has a producer span of its own). */
    public record Traced(MessageEvent event, String traceparent) {
    }

    /** The first {@code count} message events of the room that match, with their event ids. */
    public List<Received> awaitRecords(UUID roomId, int count, Predicate<MessageEvent> matching) {
        return await(roomId, count, matching).stream()
                .map(record -> new Received(event(record), header(record, EventHeaders.EVENT_ID))).toList();
    }

    /** The first {@code count} message events of the room that match, with their trace context. */
    public List<Traced> awaitTraced(UUID roomId, int count, Predicate<MessageEvent> matching) {
        return await(roomId, count, matching).stream()
                .map(record -> new Traced(event(record), header(record, EventHeaders.TRACEPARENT))).toList();
    }

    /** An event as consumed, with the time its producer handed it over (the record's timestamp). */
    public record Timed(MessageEvent event, Instant publishedAt) {
    }

    /** The first {@code count} message events of the room that match, with the times they were published. */
    public List<Timed> awaitTimed(UUID roomId, int count, Predicate<MessageEvent> matching) {
        return await(roomId, count, matching).stream()
                .map(record -> new Timed(event(record), Instant.ofEpochMilli(record.timestamp()))).toList();
    }

    private MessageEvent event(ConsumerRecord<String, byte[]> record) {
        return codec.decode(header(record, EventHeaders.EVENT_TYPE), record.value(), MessageEvent.class);
    }

    private List<ConsumerRecord<String, byte[]>> await(UUID roomId, int count, Predicate<MessageEvent> matching) {
        List<ConsumerRecord<String, byte[]>> events = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            int partitions = consumer.partitionsFor(Topic.MESSAGE_EVENTS.topicName()).size();
            // The default partitioner's choice for a keyed record: only the room's partition is read.
            TopicPartition partition = new TopicPartition(Topic.MESSAGE_EVENTS.topicName(),
                    Utils.toPositive(Utils.murmur2(roomId.toString().getBytes(StandardCharsets.UTF_8))) % partitions);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + EVENT_TIMEOUT.toNanos();
            while (events.size() < count) {
                if (System.nanoTime() > deadline) {
                    fail("Got %d of %d events of room %s: %s", events.size(), count, roomId,
                            events.stream().map(this::event).toList());
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (roomId.toString().equals(record.key()) && matching.test(event(record))) {
                        events.add(record);
                    }
                }
            }
        }
        return events.subList(0, count);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Waits for the single answer expected in a room that gets exactly one command. */
    public MessageEvent awaitOnlyEvent(UUID roomId) {
        return awaitEvents(roomId, 1).getFirst();
    }

    /** The first {@code count} distinct messages posted to the room, each at its first appearance. */
    public List<MessagePosted> awaitPosted(UUID roomId, int count) {
        Set<Long> seen = new HashSet<>();
        return awaitEvents(roomId, count, event -> event instanceof MessagePosted posted && seen.add(posted.seq()))
                .stream().map(MessagePosted.class::cast).toList();
    }
}
