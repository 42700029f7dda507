package dev.parley.room.events;

import dev.parley.events.EventHeaders;
import dev.parley.events.Topic;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sends the oldest outbox rows to Kafka and deletes them once the broker acknowledged all of them.
 * One instance at a time does so (a transaction-scoped advisory lock), which keeps the outbox order.
 * If a send fails nothing is deleted and the batch is sent again later: consumers may then see a
 * duplicate (same {@code eventId}), never a gap or a reordering within a room.
 */
@Component
class OutboxBatchPublisher {

    /** Advisory lock key of the outbox relay ("roomrely" in ASCII); any constant unique in the database. */
    private static final long RELAY_LOCK = 0x726f6f6d72656c79L;

    private final JdbcClient jdbc;
    private final KafkaTemplate<String, byte[]> kafka;
    private final RoomEventsProperties properties;

    OutboxBatchPublisher(JdbcClient jdbc, KafkaTemplate<String, byte[]> kafka, RoomEventsProperties properties) {
        this.jdbc = jdbc;
        this.kafka = kafka;
        this.properties = properties;
    }

    @Transactional(rollbackFor = Exception.class)
    Batch publishOldest() throws InterruptedException {
        boolean locked = jdbc.sql("select pg_try_advisory_xact_lock(:key)").param("key", RELAY_LOCK)
                .query(Boolean.class).single();
        if (!locked) {
            return Batch.NOTHING; // another instance is relaying right now
        }
        List<OutboxRow> rows = jdbc.sql("""
                        select id, event_id, room_id, event_type, payload from room_event_outbox
                        order by id limit :limit""")
                .param("limit", properties.batchSize())
                .query(OutboxRow.class)
                .list();
        if (rows.isEmpty()) {
            return Batch.NOTHING;
        }
        awaitAcknowledgements(rows.stream().map(this::send).toList());
        List<Long> ids = rows.stream().map(OutboxRow::id).toList();
        jdbc.sql("delete from room_event_outbox where id in (:ids)").param("ids", ids).update();
        return new Batch(ids, rows.size() == properties.batchSize());
    }

    private CompletableFuture<?> send(OutboxRow row) {
        var record = new ProducerRecord<String, byte[]>(Topic.ROOM_EVENTS.topicName(), row.roomId().toString(),
                row.payload().getBytes(StandardCharsets.UTF_8));
        record.headers()
                .add(EventHeaders.EVENT_TYPE, utf8(row.eventType()))
                .add(EventHeaders.EVENT_ID, utf8(row.eventId().toString()))
                .add(EventHeaders.SCHEMA_VERSION, utf8(EventHeaders.CURRENT_SCHEMA_VERSION));
        return kafka.send(record);
    }

    private void awaitAcknowledgements(List<CompletableFuture<?>> sends) throws InterruptedException {
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                    .get(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge the room events; they stay in the outbox", e);
        }
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    record OutboxRow(long id, UUID eventId, UUID roomId, String eventType, String payload) {
    }

    /**
     * @param publishedIds outbox ids now acknowledged by Kafka
     * @param more         the batch was full: more rows may be waiting
     */
    record Batch(List<Long> publishedIds, boolean more) {

        static final Batch NOTHING = new Batch(List.of(), false);
    }
}
