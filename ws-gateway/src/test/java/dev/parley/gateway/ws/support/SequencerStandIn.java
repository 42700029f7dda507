package dev.parley.gateway.ws.support;

import dev.parley.events.EventCodec;
import dev.parley.events.EventHeaders;
import dev.parley.events.Topic;
import dev.parley.events.message.MarkRead;
import dev.parley.events.message.MessageCommand;
import dev.parley.events.message.MessagePosted;
import dev.parley.events.message.ReadMarkerMoved;
import dev.parley.events.message.SendMessage;
import dev.parley.events.message.SendRepeated;
import dev.parley.infra.Infrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Stands in for message-service's command side over real Kafka: takes the SendMessage and MarkRead
 * commands of the rooms it was given, stores messages in the history stand-in (so resumes find them),
 * and publishes MessagePosted / ReadMarkerMoved. A resent {@code clientMsgId} is answered with
 * SendRepeated to the new command's origin, as message-service does. It can be
 * paused: commands then wait, in order, until it resumes.
 */
public final class SequencerStandIn implements AutoCloseable {

    private final MessageServiceStandIn history;
    private final MessagePipelineStandIn events = new MessagePipelineStandIn(Topic.MESSAGE_EVENTS);
    private final EventCodec codec = new EventCodec();
    private final KafkaConsumer<String, byte[]> consumer;
    private final Set<UUID> rooms = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> readMarkers = new ConcurrentHashMap<>();
    private final List<MessageCommand> waiting = new ArrayList<>();
    private final Thread worker;
    private volatile boolean paused;
    private volatile boolean running = true;

    public SequencerStandIn(MessageServiceStandIn history) {
        this.history = history;
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.shared().kafkaBootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topic.MESSAGE_COMMANDS.topicName()).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        worker = Thread.ofPlatform().name("sequencer-stand-in").start(this::run);
    }

    /** Sequences the commands of this room from now on. */
    public void handle(UUID roomId) {
        history.room(roomId);
        rooms.add(roomId);
    }

    public void pause() {
        paused = true;
    }

    public void resume() {
        paused = false;
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    String type = new String(record.headers().lastHeader(EventHeaders.EVENT_TYPE).value(),
                            StandardCharsets.UTF_8);
                    MessageCommand command = codec.decode(type, record.value(), MessageCommand.class);
                    if (rooms.contains(command.roomId())) {
                        waiting.add(command);
                    }
                }
                while (!paused && !waiting.isEmpty()) {
                    apply(waiting.removeFirst());
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    private void apply(MessageCommand command) {
        switch (command) {
            case SendMessage send -> {
                MessageServiceStandIn.Message stored = history.find(send.roomId(), send.senderId(), send.clientMsgId());
                if (stored != null) {
                    events.publish(new SendRepeated(stored.roomId(), stored.seq(), stored.id(), stored.senderId(),
                            stored.clientMsgId(), stored.createdAt(), send.commandId(), send.origin()));
                    return;
                }
                stored = history.append(send.roomId(), send.senderId(), send.clientMsgId(), send.body());
                events.publish(new MessagePosted(stored.roomId(), stored.seq(), stored.id(), stored.senderId(),
                        stored.clientMsgId(), stored.body(), stored.createdAt(), send.commandId(), send.origin()));
            }
            case MarkRead read -> {
                String key = read.roomId() + "/" + read.userId();
                long previous = readMarkers.getOrDefault(key, 0L);
                if (read.seq() > previous) {
                    readMarkers.put(key, read.seq());
                    events.publish(new ReadMarkerMoved(read.roomId(), read.userId(), read.seq()));
                }
            }
            default -> {
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        worker.join(5000);
        events.close();
    }
}
