package dev.parley.message.history;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Whether history reads may ask PostgreSQL now. Once one found it unable to answer — down, unreachable, or stalled
 * past the pool's {@code connection-timeout} or the driver's {@code socketTimeout} (ADR 0031) — the next reads would
 * wait that long again; so reads leave it alone and
 * answer what they can from the cache ({@link MessageHistory}), while one thread of its own asks PostgreSQL every
 * {@link #PROBE_INTERVAL} until it answers again.
 */
@Component
class DatabaseBackoff implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DatabaseBackoff.class);
    private static final Duration PROBE_INTERVAL = Duration.ofMillis(500);

    private final JdbcClient jdbc;
    private final AtomicBoolean away = new AtomicBoolean();
    private volatile boolean closed;

    DatabaseBackoff(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean available() {
        return !away.get();
    }

    /**
     * A history read failed for want of PostgreSQL ({@code DatabaseFailures}): the pool got no connection in time, a
     * connection broke, the server refused for lack of resources or is shutting down. Any of them is taken for
     * PostgreSQL away — should it not be, the probe finds out within {@link #PROBE_INTERVAL}.
     */
    void leaveAlone(DataAccessException e) {
        if (away.compareAndSet(false, true)) {
            log.warn("PostgreSQL did not answer a history read; history comes from the cache alone until it does: {}",
                    e.getMostSpecificCause().getMessage());
            Thread.ofPlatform().name("history-database-probe").daemon().start(this::probeUntilItAnswers);
        }
    }

    /** What a read that cannot be answered without PostgreSQL throws while it is left alone: a 503, as any outage. */
    static DataAccessException unavailable() {
        return new DataAccessResourceFailureException("PostgreSQL is left alone after a failure until it answers again");
    }

    private void probeUntilItAnswers() {
        while (!closed) {
            try {
                Thread.sleep(PROBE_INTERVAL);
                jdbc.sql("select 1").query(Integer.class).single();
                away.set(false);
                log.info("PostgreSQL answers again: history reads ask it again");
                return;
            } catch (DataAccessException e) {
                log.debug("PostgreSQL still does not answer: {}", e.getMostSpecificCause().getMessage());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
