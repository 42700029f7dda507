package dev.parley.message.search;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Merges the search index's new entries into the index every {@link SearchProperties#indexMergeInterval()}, on a
 * thread of its own, so that no send waits for it.
 * <p>
 * The index (V4) is a GIN index with PostgreSQL's default {@code fastupdate}: an insert adds its words to a pending
 * list, and the insert that finds that list past {@code gin_pending_list_limit} (4 MB) merges all of it before it
 * returns. Under 1,000 sends a second that was one command batch every ~45 s whose insert took 0.5–0.7 s, every send
 * behind it waiting (docs/performance.md). Merged a second's worth at a time here, the list stays far below the limit;
 * an insert that would merge while this one runs skips it instead of waiting. Searches read the pending list
 * entry by entry, so a short one serves them too. Past the limit — this thread stopped, or outpaced — inserts merge
 * as before: nothing depends on this thread but the latency.
 */
@Component
class SearchIndexMerger implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SearchIndexMerger.class);
    private static final String MERGE = "select gin_clean_pending_list('messages_search_idx'::regclass)";

    private final JdbcClient jdbc;
    private final Duration interval;
    private ScheduledExecutorService thread;
    /** Whether the last merge failed; touched by the merging thread only. */
    private boolean failing;

    SearchIndexMerger(JdbcClient jdbc, SearchProperties properties) {
        this.jdbc = jdbc;
        this.interval = properties.indexMergeInterval();
    }

    private void mergeOrSayWhy() {
        try {
            jdbc.sql(MERGE).query(Long.class).single();
            if (failing) {
                failing = false;
                log.info("The search index's pending entries are merged again");
            }
        } catch (RuntimeException e) {
            // kept going: a task that throws is never run again
            if (!failing) {
                failing = true;
                log.warn("Could not merge the search index's pending entries (inserts merge them past "
                        + "gin_pending_list_limit until this succeeds; tried every {}): {}", interval, e.getMessage());
            }
        }
    }

    @Override
    public synchronized void start() {
        thread = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("search-index-merge").daemon().factory());
        thread.scheduleWithFixedDelay(this::mergeOrSayWhy, interval.toNanos(), interval.toNanos(),
                TimeUnit.NANOSECONDS);
    }

    @Override
    public synchronized void stop() {
        thread.shutdownNow();
        thread = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return thread != null;
    }
}
