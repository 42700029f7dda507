package dev.parley.platform.outbox;

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

/**
 * One background thread per instance that moves the outbox to Kafka: woken by every commit that
 * appended events, and every {@code poll-interval} for rows left by a crash or a broker outage.
 * Callers wait here for their own rows.
 */
class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    /** While callers wait and another instance holds the relay lock, look again soon. */
    private static final Duration WAITER_RECHECK = Duration.ofMillis(20);
    private static final Duration FAILURE_BACKOFF = Duration.ofSeconds(1);

    private final OutboxBatchPublisher publisher;
    private final JdbcClient jdbc;
    private final OutboxProperties properties;
    private final Map<Long, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;
    private Thread worker;

    OutboxRelay(OutboxBatchPublisher publisher, JdbcClient jdbc, OutboxProperties properties) {
        this.publisher = publisher;
        this.jdbc = jdbc;
        this.properties = properties;
    }

    void wakeUp() {
        wakeUps.release();
    }

    boolean awaitPublished(Collection<Long> ids, Duration timeout) {
        if (ids.isEmpty()) {
            return true;
        }
        List<CompletableFuture<Void>> mine = ids.stream()
                .map(id -> waiting.computeIfAbsent(id, ignored -> new CompletableFuture<>()))
                .toList();
        wakeUp();
        try {
            CompletableFuture.allOf(mine.toArray(CompletableFuture[]::new)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            log.warn("Outbox rows {} not acknowledged by Kafka within {}; they are published when it is back", ids, timeout);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        } finally {
            ids.forEach(waiting::remove);
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
                log.warn("Publishing the outbox failed, retrying in {}: {} ({})", FAILURE_BACKOFF, e.getMessage(),
                        String.valueOf(e.getCause()));
                sleepQuietly(FAILURE_BACKOFF);
            }
        }
    }

    private void publishPending() {
        List<Long> published;
        do {
            published = publisher.publishOldest();
            complete(published);
        } while (published.size() == properties.batchSize() && running);
        List<Long> unresolved = waiting.entrySet().stream()
                .filter(waiter -> !waiter.getValue().isDone()).map(Map.Entry::getKey).toList();
        if (!unresolved.isEmpty()) {
            // Rows no longer in the outbox were published by another instance, or by this relay before
            // their caller started waiting.
            List<Long> pending = jdbc.sql("select id from event_outbox where id in (:ids)")
                    .param("ids", unresolved).query(Long.class).list();
            complete(unresolved.stream().filter(id -> !pending.contains(id)).toList());
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

    /**
     * Starts the relay thread, unless the database has no outbox table: a service with a database and a
     * Kafka producer that does not use the outbox must not be broken by it (an append then fails loudly).
     */
    @Override
    public synchronized void start() {
        if (!outboxTableExists()) {
            log.warn("No event_outbox table in this database: the event outbox stays off (create the table, see "
                    + "EventOutbox, or set parley.outbox.enabled=false)");
            return;
        }
        running = true;
        worker = Thread.ofPlatform().name("event-outbox-relay").daemon().start(this::relay);
    }

    private boolean outboxTableExists() {
        try {
            return jdbc.sql("select to_regclass('event_outbox') is not null").query(Boolean.class).single();
        } catch (RuntimeException e) {
            log.warn("Could not look for the event_outbox table; starting the relay anyway: {}", e.toString());
            return true;
        }
    }

    /** Lets the batch in flight finish, so a clean shutdown leaves no duplicate behind. */
    @Override
    public synchronized void stop() {
        if (worker == null) {
            return;
        }
        running = false;
        wakeUp();
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
