package dev.parley.platform.outbox;

import dev.parley.platform.kafka.EventRecords;
import dev.parley.platform.kafka.RecordTraces;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Sends the oldest outbox rows to Kafka and deletes them once the broker acknowledged all of them, in
 * one transaction holding an advisory lock: one instance at a time publishes, so the outbox order is
 * the topic order. Each record continues the trace its row was appended in. If a send fails nothing is
 * deleted and the batch is sent again later: consumers may then see a duplicate (same {@code eventId}),
 * never a gap or a reordering.
 */
class OutboxBatchPublisher {

    /** Transaction-level advisory lock of the relay ("parleyob"); one outbox table per database. */
    static final long RELAY_LOCK = 0x7061726c65796f62L;

    private final JdbcClient jdbc;
    private final KafkaTemplate<String, byte[]> kafka;
    private final TransactionOperations transactions;
    private final OutboxProperties properties;
    private final RecordTraces traces;

    OutboxBatchPublisher(JdbcClient jdbc, KafkaTemplate<String, byte[]> kafka, TransactionOperations transactions,
                         OutboxProperties properties, RecordTraces traces) {
        this.jdbc = jdbc;
        this.kafka = kafka;
        this.transactions = transactions;
        this.properties = properties;
        this.traces = traces;
    }

    /** @return the ids now acknowledged by Kafka; empty when there was nothing to do or another instance relays */
    List<Long> publishOldest() {
        return transactions.execute(status -> {
            boolean locked = jdbc.sql("select pg_try_advisory_xact_lock(:key)").param("key", RELAY_LOCK)
                    .query(Boolean.class).single();
            if (!locked) {
                return List.of();
            }
            List<OutboxRow> rows = jdbc.sql("""
                            select id, topic, record_key, event_type, event_id, payload, traceparent from event_outbox
                            order by id limit :limit""")
                    .param("limit", properties.batchSize())
                    .query(OutboxRow.class)
                    .list();
            if (rows.isEmpty()) {
                return List.of();
            }
            awaitAcknowledgements(send(rows));
            List<Long> ids = rows.stream().map(OutboxRow::id).toList();
            jdbc.sql("delete from event_outbox where id in (:ids)").param("ids", ids).update();
            return ids;
        });
    }

    /** Hands the rows to the producer in order; stops at the first one it refuses outright. */
    private List<CompletableFuture<?>> send(List<OutboxRow> rows) {
        List<CompletableFuture<?>> sends = new ArrayList<>(rows.size());
        for (OutboxRow row : rows) {
            CompletableFuture<?> send = traces.sendFollowing(row.traceparent(), row.toRecord(), kafka::send);
            sends.add(send);
            if (send.isCompletedExceptionally()) {
                break;
            }
        }
        return sends;
    }

    private void awaitAcknowledgements(List<CompletableFuture<?>> sends) {
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                    .get(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while publishing the outbox", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge the outbox batch; it stays in the outbox", e);
        }
    }

    record OutboxRow(long id, String topic, String recordKey, String eventType, UUID eventId, byte[] payload,
                     String traceparent) {

        ProducerRecord<String, byte[]> toRecord() {
            return EventRecords.record(topic, recordKey, eventType, eventId, payload);
        }
    }
}
