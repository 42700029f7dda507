package dev.parley.platform.outbox;

import dev.parley.events.EventCodec;
import dev.parley.events.ParleyEvent;
import dev.parley.events.Topic;
import dev.parley.platform.kafka.RecordTraces;
import java.sql.Types;
import java.time.Duration;
import java.util.Collection;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A transactional outbox (ADR 0004): events appended in a database transaction are published to Kafka
 * if and only if that transaction commits, in append order, each with a fixed {@code eventId}.
 *
 * <p>The service creates the table with its own Flyway migration:
 * <pre>
 * create table event_outbox (
 *     id         bigint generated always as identity primary key,
 *     topic      text        not null,
 *     record_key text        not null,
 *     event_type text        not null,
 *     event_id   uuid        not null unique,
 *     payload    bytea       not null,
 *     created_at timestamptz not null default now(),
 *     traceparent text
 * );
 * </pre>
 *
 * <p>Traces: a row keeps the W3C {@code traceparent} of the span it was appended in (the HTTP request's), and
 * the relay sends its record in a producer span of that trace, so the event's consumers continue the trace of
 * the change that made it, though it left minutes later.
 *
 * <p>Order: rows are published in {@code id} order, and ids are taken when rows are inserted, not when
 * they commit. Events of one key therefore come out in commit order only if the service serializes
 * the transactions that append them (for instance by locking the aggregate's row before appending).
 */
public class EventOutbox {

    private final EventCodec codec;
    private final JdbcClient jdbc;
    private final OutboxRelay relay;
    private final RecordTraces traces;

    EventOutbox(EventCodec codec, JdbcClient jdbc, OutboxRelay relay, RecordTraces traces) {
        this.codec = codec;
        this.jdbc = jdbc;
        this.relay = relay;
        this.traces = traces;
    }

    /**
     * Appends the event, keyed by {@link ParleyEvent#key()}, in the caller's transaction; the relay is
     * woken when that transaction commits.
     *
     * @return the outbox id, for {@link #awaitPublished}
     * @throws IllegalStateException outside a transaction
     */
    public long append(Topic topic, ParleyEvent event) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("Events are appended to the outbox inside the transaction of their change");
        }
        long id = jdbc.sql("""
                        insert into event_outbox (topic, record_key, event_type, event_id, payload, traceparent)
                        values (:topic, :key, :eventType, :eventId, :payload, :traceparent)
                        returning id""")
                .param("topic", topic.topicName())
                .param("key", event.key())
                .param("eventType", EventCodec.eventType(event))
                .param("eventId", UUID.randomUUID())
                .param("payload", codec.encode(event))
                .param("traceparent", traces.currentTraceparent(), Types.VARCHAR)
                .query(Long.class)
                .single();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.wakeUp();
            }
        });
        return id;
    }

    /**
     * Waits until Kafka has acknowledged these committed rows, at most {@code timeout}. Call it after
     * the commit (never inside the transaction: its rows are not visible to the relay yet).
     *
     * @return false if the timeout passed first; the rows stay in the outbox and are published later
     */
    public boolean awaitPublished(Collection<Long> ids, Duration timeout) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("Wait for published events after the commit, not inside the transaction");
        }
        return relay.awaitPublished(ids, timeout);
    }
}
