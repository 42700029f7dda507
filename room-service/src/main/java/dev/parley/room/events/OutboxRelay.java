package dev.parley.room.events;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * One background thread that moves the outbox to Kafka: woken by each commit that appended events,
 * and every {@code poll-interval} for rows left by a crash or a broker outage. Requests wait here for
 * their own rows to be published.
 */
@Component
class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    /** While requests wait and another instance holds the relay lock, look again soon. */
    private static final Duration WAITER_RECHECK = Duration.ofMillis(20);
    private static final Duration FAILURE_BACKOFF = Duration.ofSeconds(1);

    private final OutboxBatchPublisher publisher;
    private final JdbcClient jdbc;
    private final RoomEventsProperties properties;
    private final Map<Long, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;
    private Thread worker;

    OutboxRelay(OutboxBatchPublisher publisher, JdbcClient jdbc, RoomEventsProperties properties) {
        this.publisher = publisher;
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** Blocks until Kafka acknowledged these committed outbox rows, or the timeout passed. */
    void awaitPublished(List<Long> outboxIds, Duration timeout) {
        if (outboxIds.isEmpty()) {
            return;
        }
        List<CompletableFuture<Void>> mine = outboxIds.stream()
                .map(id -> waiting.computeIfAbsent(id, ignored -> new CompletableFuture<>()))
                .toList();
        wakeUps.release();
        try {
            CompletableFuture.allOf(mine.toArray(CompletableFuture[]::new)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("Room events {} not acknowledged by Kafka within {}; they stay in the outbox and will be "
                    + "published when the broker is back", outboxIds, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        } finally {
            outboxIds.forEach(waiting::remove);
        }
    }

    private void relay() {
        while (running) {
            try {
                Duration pause = waiting.isEmpty() ? properties.pollInterval() : WAITER_RECHECK;
                wakeUps.tryAcquire(pause.toMillis(), TimeUnit.MILLISECONDS);
                wakeUps.drainPermits();
                publishPending();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Publishing room events failed; retrying in {}", FAILURE_BACKOFF, e);
                sleepQuietly(FAILURE_BACKOFF);
            }
        }
    }

    private void publishPending() throws InterruptedException {
        OutboxBatchPublisher.Batch batch;
        do {
            batch = publisher.publishOldest();
            complete(batch.publishedIds());
        } while (batch.more() && running);
        List<Long> unresolved = waiting.entrySet().stream()
                .filter(waiter -> !waiter.getValue().isDone()).map(Map.Entry::getKey).toList();
        if (!unresolved.isEmpty()) {
            // Rows no longer in the outbox were published by another instance, or by this relay before
            // their request started waiting.
            List<Long> stillPending = jdbc.sql("select id from room_event_outbox where id in (:ids)")
                    .param("ids", unresolved).query(Long.class).list();
            complete(unresolved.stream().filter(id -> !stillPending.contains(id)).toList());
        }
    }

    private void complete(Collection<Long> publishedIds) {
        publishedIds.forEach(id -> {
            CompletableFuture<Void> waiter = waiting.get(id);
            if (waiter != null) {
                waiter.complete(null);
            }
        });
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        worker = Thread.ofPlatform().name("room-outbox-relay").daemon().start(this::relay);
    }

    /** Lets the batch in flight finish, so a clean shutdown leaves no duplicate behind. */
    @Override
    public synchronized void stop() {
        running = false;
        wakeUps.release();
        try {
            worker.join(properties.sendTimeout().plusSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts before and stops after the web server, so requests in flight still get their events out. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }
}
