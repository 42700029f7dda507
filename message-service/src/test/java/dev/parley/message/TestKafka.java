package dev.parley.message;

import static org.assertj.core.api.Assertions.fail;

import dev.parley.events.EventCodec;
import dev.parley.events.EventHeaders;
import dev.parley.events.ParleyEvent;
import dev.parley.events.Topic;
import dev.parley.events.message.MessageEvent;
import dev.parley.events.message.Origin;
import dev.parley.events.message.SendMessage;
import dev.parley.events.room.MemberJoined;
import dev.parley.events.room.RoomCreated;
import dev.parley.infra.Infrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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

    static synchronized TestKafka shared() {
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
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic.topicName(), key, value);
        record.headers()
                .add(new RecordHeader(EventHeaders.EVENT_TYPE, eventType.getBytes(StandardCharsets.UTF_8)))
                .add(new RecordHeader(EventHeaders.EVENT_ID, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8)))
                .add(new RecordHeader(EventHeaders.SCHEMA_VERSION, "1".getBytes(StandardCharsets.UTF_8)));
        try {
            producer.send(record).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not publish to " + topic.topicName(), e);
        }
    }

    /** What room-service publishes for a new room: RoomCreated, then MemberJoined of the owner. */
    public void createRoom(UUID roomId, String visibility, UUID ownerId) {
        publish(Topic.ROOM_EVENTS, new RoomCreated(roomId, "group", "room", null, visibility, ownerId, Instant.now()));
        join(roomId, ownerId);
    }

    public void join(UUID roomId, UUID userId) {
        publish(Topic.ROOM_EVENTS, new MemberJoined(roomId, userId, "member", Instant.now()));
    }

    public SendMessage send(UUID roomId, UUID senderId, String clientMsgId, String body) {
        SendMessage command = new SendMessage(UUID.randomUUID(), roomId, senderId, clientMsgId, body, Instant.now(),
                ORIGIN);
        publish(Topic.MESSAGE_COMMANDS, command);
        return command;
    }

    /** The first {@code count} message events of the room, in the order the topic holds them. */
    public List<MessageEvent> awaitEvents(UUID roomId, int count) {
        List<MessageEvent> events = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topic.MESSAGE_EVENTS.topicName()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + EVENT_TIMEOUT.toNanos();
            while (events.size() < count) {
                if (System.nanoTime() > deadline) {
                    fail("Got %d of %d events of room %s: %s", events.size(), count, roomId, events);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (roomId.toString().equals(record.key())) {
                        String type = new String(record.headers().lastHeader(EventHeaders.EVENT_TYPE).value(),
                                StandardCharsets.UTF_8);
                        events.add(codec.decode(type, record.value(), MessageEvent.class));
                    }
                }
            }
        }
        return events.subList(0, count);
    }

    /** Waits for the single answer expected in a room that gets exactly one command. */
    public MessageEvent awaitOnlyEvent(UUID roomId) {
        return awaitEvents(roomId, 1).getFirst();
    }
}
