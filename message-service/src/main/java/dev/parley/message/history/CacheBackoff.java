package dev.parley.message.history;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Whether the cache may use Redis now: after a Redis failure, reads and writes alike leave it alone for
 * {@code retryAfter} and go to PostgreSQL (reads) or nowhere (writes; readers refill).
 */
@Component
class CacheBackoff {

    private static final Logger log = LoggerFactory.getLogger(CacheBackoff.class);

    private final RecentHistoryProperties properties;
    private volatile long leaveAloneUntil;

    CacheBackoff(RecentHistoryProperties properties) {
        this.properties = properties;
    }

    boolean available() {
        return properties.enabled() && System.currentTimeMillis() >= leaveAloneUntil;
    }

    void leaveAlone(DataAccessException e) {
        if (available()) {
            // the innermost reason: a pipeline's failure says only that one of its commands failed
            log.warn("Redis failed, history comes from PostgreSQL for at least {}: {}", properties.retryAfter(),
                    e.getMostSpecificCause().getMessage());
        }
        leaveAloneUntil = System.currentTimeMillis() + properties.retryAfter().toMillis();
    }
}
