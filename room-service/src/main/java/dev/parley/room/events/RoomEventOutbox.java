package dev.parley.room.events;

import dev.parley.events.Topic;
import dev.parley.platform.outbox.EventOutbox;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a change of rooms and publishes its events (ADR 0004): the change and its events commit
 * together, and the request answers once Kafka has them — so whoever reacts to the answer (a client
 * subscribing right after its join, message-service catching up) finds the events on the topic.
 */
@Component
public class RoomEventOutbox {

    private final TransactionTemplate transactions;
    private final EventOutbox outbox;
    private final RoomEventsProperties properties;

    RoomEventOutbox(PlatformTransactionManager transactionManager, EventOutbox outbox, RoomEventsProperties properties) {
        this.transactions = new TransactionTemplate(transactionManager);
        this.outbox = outbox;
        this.properties = properties;
    }

    /**
     * Runs {@code change} in a new transaction and returns its result once the events it appended are
     * acknowledged by Kafka. If that takes longer than {@code parley.room.events.request-wait} (broker
     * away), it returns anyway: the change is committed and its events wait in the outbox.
     */
    public <T> T transaction(Function<RoomEvents, T> change) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("A change of rooms runs in its own transaction; it does not nest");
        }
        List<Long> appended = new ArrayList<>();
        T result = transactions.execute(status -> change.apply(event -> appended.add(outbox.append(Topic.ROOM_EVENTS, event))));
        outbox.awaitPublished(appended, properties.requestWait());
        return result;
    }
}
