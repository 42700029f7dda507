package dev.parley.room.events;

import dev.parley.events.EventCodec;
import dev.parley.events.room.RoomEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The transactional outbox of room events (see ADR "room events"). A change and its events commit
 * together; the relay then publishes them in order, and the request answers once Kafka has them.
 *
 * <p>Ordering rule for callers: append an event of an existing room only while holding that room's
 * row lock, so that outbox ids follow the commit order of the room's changes.
 */
@Component
public class RoomEventOutbox {

    private static final ThreadLocal<List<Long>> APPENDED = new ThreadLocal<>();

    private final EventCodec codec = new EventCodec();
    private final TransactionTemplate transactions;
    private final JdbcClient jdbc;
    private final OutboxRelay relay;
    private final RoomEventsProperties properties;

    RoomEventOutbox(PlatformTransactionManager transactionManager, JdbcClient jdbc, OutboxRelay relay,
                    RoomEventsProperties properties) {
        this.transactions = new TransactionTemplate(transactionManager);
        this.jdbc = jdbc;
        this.relay = relay;
        this.properties = properties;
    }

    /**
     * Runs {@code work} in a new transaction and returns its result once the events it appended are
     * acknowledged by Kafka. If that takes longer than {@code parley.room.events.request-wait} (broker
     * away), it returns anyway: the change is committed and its events are durable in the outbox.
     * The wait happens after the commit, with the database connection already given back.
     */
    public <T> T transaction(Supplier<T> work) {
        if (APPENDED.get() != null) {
            throw new IllegalStateException("RoomEventOutbox.transaction(...) does not nest");
        }
        List<Long> appended = new ArrayList<>();
        APPENDED.set(appended);
        T result;
        try {
            result = transactions.execute(status -> work.get());
        } finally {
            APPENDED.remove();
        }
        relay.awaitPublished(appended, properties.requestWait());
        return result;
    }

    /** Writes the event to the outbox, in the transaction of the enclosing {@link #transaction}. */
    public void append(RoomEvent event) {
        List<Long> appended = APPENDED.get();
        if (appended == null || !TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("Room events are appended inside RoomEventOutbox.transaction(...)");
        }
        appended.add(jdbc.sql("""
                        insert into room_event_outbox (event_id, room_id, event_type, payload)
                        values (:eventId, :roomId, :eventType, :payload)
                        returning id""")
                .param("eventId", UUID.randomUUID())
                .param("roomId", event.roomId())
                .param("eventType", EventCodec.eventType(event))
                .param("payload", new String(codec.encode(event), StandardCharsets.UTF_8))
                .query(Long.class)
                .single());
    }
}
