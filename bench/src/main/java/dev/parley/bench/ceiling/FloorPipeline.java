package dev.parley.bench.ceiling;

import dev.parley.bench.ceiling.FloorStore.Pending;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.Channel;
import java.nio.ByteBuffer;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The ceiling's floor mode: Parley's shape done with the least code — a send goes from the connection's event loop to a
 * command topic, one thread stores each poll's commands in PostgreSQL ({@link FloorStore}: one statement, its commit
 * included) and publishes them to an event topic, and one thread reads that topic and hands each message to its room's
 * subscribers and its ack to the sender. Producers as Parley's ({@code acks=all}, idempotent, no linger); no consumer
 * group (every partition assigned, from its end), no offset commits, no access check, no tracing, no cache, no
 * presence, and the clients' defaults otherwise: the shape done simply, on the same Kafka and PostgreSQL — a
 * reference for the whole, not a lower bound for every part (docs/adr/0043-w1-measured-against-the-shapes-floor.md).
 */
final class FloorPipeline implements AutoCloseable {

    static final String COMMANDS = "parley.bench.floor.commands";
    static final String EVENTS = "parley.bench.floor.events";
    /** As many as Parley's message topics have by default (message-service's {@code parley.message.kafka.partitions}). */
    static final int PARTITIONS = 6;
    private static final String CONNECTION = "connection";
    private static final String ACK = "ack";
    private static final String SEQ = "seq";

    private final KafkaProducer<String, byte[]> commands;
    private final KafkaProducer<String, byte[]> events;
    private final KafkaConsumer<String, byte[]> commandReader;
    private final KafkaConsumer<String, byte[]> eventReader;
    private final FloorStore store;
    private final ConcurrentMap<String, CeilingRoom> rooms;
    private final ConcurrentMap<Long, Channel> connections;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    private FloorPipeline(String bootstrap, FloorStore store, ConcurrentMap<String, CeilingRoom> rooms,
                          ConcurrentMap<Long, Channel> connections) {
        this.store = store;
        this.rooms = rooms;
        this.connections = connections;
        this.commands = producer(bootstrap);
        this.events = producer(bootstrap);
        this.commandReader = fromTheEnd(bootstrap, COMMANDS);
        this.eventReader = fromTheEnd(bootstrap, EVENTS);
    }

    /** Creates the topics when missing, opens the store, and starts the two threads once both readers sit at the end. */
    static FloorPipeline start(String bootstrap, String postgresUrl,
                               ConcurrentMap<String, CeilingRoom> rooms, ConcurrentMap<Long, Channel> connections)
            throws Exception {
        createTopics(bootstrap);
        FloorPipeline pipeline = new FloorPipeline(bootstrap, FloorStore.open(postgresUrl), rooms,
                connections);
        pipeline.threads.add(Thread.ofPlatform().name("floor-store").start(pipeline::storeCommands));
        pipeline.threads.add(Thread.ofPlatform().name("floor-fan-out").start(pipeline::fanOutEvents));
        return pipeline;
    }

    /** Called on the sender's event loop: the send leaves for the command topic, keyed by its room. */
    void send(long connection, String requestId, String roomId, String clientMsgId, String body, String senderId) {
        byte[] command = FloorRecords.command(requestId, clientMsgId, body, senderId);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(COMMANDS, roomId, command);
        record.headers().add(CONNECTION, ByteBuffer.allocate(Long.BYTES).putLong(connection).array());
        commands.send(record);
    }

    private void storeCommands() {
        try {
            while (running) {
                var polled = commandReader.poll(Duration.ofSeconds(1));
                if (polled.isEmpty()) {
                    continue;
                }
                List<Pending> batch = new ArrayList<>(polled.count());
                List<Headers> routes = new ArrayList<>(polled.count());
                List<String> requestIds = new ArrayList<>(polled.count());
                String createdAt = Instant.now().toString();
                for (ConsumerRecord<String, byte[]> record : polled) {
                    FloorRecords.Command command = FloorRecords.command(record.value());
                    batch.add(new Pending(record.key(), CeilingFrames.messageId(), command.senderId(),
                            command.clientMsgId(), command.body(), createdAt));
                    routes.add(record.headers());
                    requestIds.add(command.requestId());
                }
                Map<String, Long> seqs = store.store(batch);
                for (int i = 0; i < batch.size(); i++) {
                    Pending stored = batch.get(i);
                    Long seq = seqs.get(FloorStore.key(stored.roomId(), stored.clientMsgId()));
                    if (seq != null) { // null: a repeated clientMsgId, stored before
                        events.send(event(stored, seq, routes.get(i), requestIds.get(i)));
                    }
                }
                events.flush();
            }
        } catch (WakeupException e) {
            // closing
        } catch (Exception e) {
            if (running) {
                System.err.println("the floor's store thread stopped: " + e);
            }
        }
    }

    private static ProducerRecord<String, byte[]> event(Pending stored, long seq, Headers command, String requestId) {
        ByteBuf message = CeilingFrames.message(UnpooledByteBufAllocator.DEFAULT, stored.messageId(), stored.roomId(), seq,
                stored.senderId(), stored.clientMsgId(), stored.body(), stored.createdAt());
        ByteBuf ack = CeilingFrames.ack(UnpooledByteBufAllocator.DEFAULT, requestId, stored.roomId(), stored.clientMsgId(), seq,
                stored.messageId(), stored.createdAt());
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(EVENTS, stored.roomId(), bytes(message));
        record.headers().add(command.lastHeader(CONNECTION));
        record.headers().add(ACK, bytes(ack));
        record.headers().add(SEQ, ByteBuffer.allocate(Long.BYTES).putLong(seq).array());
        return record;
    }

    private void fanOutEvents() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : eventReader.poll(Duration.ofSeconds(1))) {
                    Channel sender = connections.get(ByteBuffer.wrap(record.headers().lastHeader(CONNECTION).value())
                            .getLong());
                    if (sender != null) {
                        CeilingRoom.write(sender, Unpooled.wrappedBuffer(record.headers().lastHeader(ACK).value()));
                    }
                    long seq = ByteBuffer.wrap(record.headers().lastHeader(SEQ).value()).getLong();
                    rooms.computeIfAbsent(record.key(), CeilingRoom::new)
                            .deliver(seq, Unpooled.wrappedBuffer(record.value()));
                }
            }
        } catch (WakeupException e) {
            // closing
        }
    }

    private static byte[] bytes(ByteBuf buffer) {
        try {
            return ByteBufUtil.getBytes(buffer);
        } finally {
            buffer.release();
        }
    }

    private static void createTopics(String bootstrap) throws InterruptedException, ExecutionException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            for (String topic : List.of(COMMANDS, EVENTS)) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        }
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
    }

    private static KafkaConsumer<String, byte[]> fromTheEnd(String bootstrap, String topic) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (int partition = 0; partition < PARTITIONS; partition++) {
            partitions.add(new TopicPartition(topic, partition));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolved now: nothing sent after start is skipped
        return consumer;
    }

    @Override
    public void close() {
        running = false;
        commandReader.wakeup();
        eventReader.wakeup();
        try {
            for (Thread thread : threads) {
                thread.join(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        commandReader.close();
        eventReader.close();
        commands.close();
        events.close();
        try {
            store.close();
        } catch (SQLException e) {
            System.err.println("the floor's database connection did not close: " + e);
        }
    }
}
