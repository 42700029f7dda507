package dev.parley.message.history;

import dev.parley.message.history.HistoryQueries.RecentWindow;
import dev.parley.message.sending.MessageView;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;

/**
 * The newest messages of each room in Redis: a sorted set of message JSON scored by seq, and a hash with
 * the room's last seq and the history version they show. PostgreSQL stays the truth: a page is served from
 * here only when the version equals the one PostgreSQL reports at the time of the read, so a cache that
 * missed a write (Redis away, a crash between commit and cache update, a stale copy restored) is never
 * served — it is refilled from one snapshot instead. Writes and fills are compare-and-set on the version
 * ({@link HistoryCacheScripts}), so a reader's older window never overwrites a newer state. Every Redis
 * failure degrades to PostgreSQL; after one, Redis is left alone for {@code retryAfter}.
 */
@Component
public class RecentHistoryCache {

    private static final Logger log = LoggerFactory.getLogger(RecentHistoryCache.class);

    private final HistoryCacheScripts redis;
    private final HistoryQueries queries;
    private final RecentHistoryProperties properties;
    private final CacheBackoff backoff;
    private final HistoryCacheWriter writer;
    private final Map<String, Counter> reads;
    private final Set<UUID> refilling = ConcurrentHashMap.newKeySet();

    RecentHistoryCache(HistoryCacheScripts redis, HistoryQueries queries, RecentHistoryProperties properties,
                       CacheBackoff backoff, HistoryCacheWriter writer, MeterRegistry meters) {
        this.redis = redis;
        this.queries = queries;
        this.properties = properties;
        this.backoff = backoff;
        this.writer = writer;
        this.reads = Stream.of("hit", "stale", "outside", "unavailable").collect(Collectors.toMap(result -> result,
                result -> Counter.builder("parley.history.cache.reads").tag("result", result)
                        .description("History pages by where the cache stood").register(meters)));
    }

    /** What a read of the cache found. */
    sealed interface CacheRead {
        /** The messages of the range, ascending, at the version asked for, as the cache holds them. */
        record Hit(List<CachedMessage> messages) implements CacheRead {
        }

        /** Absent, at another version or not a gap-free run: answer from PostgreSQL and refill. */
        record Stale() implements CacheRead {
        }

        /** Up to date, but the range reaches below the cached messages. */
        record Outside() implements CacheRead {
        }

        record Unavailable() implements CacheRead {
        }
    }

    CacheRead read(UUID roomId, RoomHead head, PageRange range) {
        if (range.isEmpty()) {
            // Known from the head alone: the room has no messages there.
            return new CacheRead.Hit(List.of());
        }
        if (!backoff.available()) {
            return counted("unavailable", new CacheRead.Unavailable());
        }
        try {
            HistoryCacheScripts.Reply reply = redis.read(roomId, head.version(), range);
            return switch (reply.state()) {
                case "hit" -> hit(reply.entries(), range);
                case "outside" -> counted("outside", new CacheRead.Outside());
                default -> counted("stale", new CacheRead.Stale());
            };
        } catch (DataAccessException e) {
            backoff.leaveAlone(e);
            return counted("unavailable", new CacheRead.Unavailable());
        }
    }

    /**
     * The room's head as the cache holds it, for reads while PostgreSQL cannot say which version is current: nothing
     * can be committed meanwhile, and the writer brings the cache up to what was ({@link HistoryCacheWriter}). Empty
     * when the room is not cached or Redis cannot be asked.
     */
    Optional<RoomHead> cachedHead(UUID roomId) {
        if (!backoff.available()) {
            return Optional.empty();
        }
        try {
            return redis.head(roomId);
        } catch (DataAccessException e) {
            backoff.leaveAlone(e);
            return Optional.empty();
        }
    }

    /** Fills the room's cache from one PostgreSQL snapshot of its newest messages (at most one at a time per room). */
    void refill(UUID roomId) {
        if (!backoff.available() || !refilling.add(roomId)) {
            return;
        }
        try {
            fill(roomId, queries.window(roomId, properties.size()));
        } catch (DataAccessException e) {
            log.debug("Could not refill the cache of room {}: {}", roomId, e.getMessage());
        } finally {
            refilling.remove(roomId);
        }
    }

    /** Stores the window unless the cache already holds its version or a newer one. */
    void fill(UUID roomId, RecentWindow window) {
        try {
            redis.fill(roomId, window.head(), window.messages(), properties.ttl());
        } catch (DataAccessException e) {
            backoff.leaveAlone(e);
        }
    }

    /**
     * Hands committed changes to the writer, which brings the cached rooms up to date shortly after, off the
     * caller's path ({@link HistoryCacheWriter}). Best effort: a room this does not update is taken out of the
     * cache once Redis answers (until then it is left at its older version), and readers refill it.
     */
    public void apply(Collection<RoomHistoryChange> changes) {
        if (changes.isEmpty() || !properties.enabled()) {
            return;
        }
        if (backoff.available()) {
            writer.submit(changes);
        } else {
            writer.missed(changes);
        }
    }

    private CacheRead hit(List<CachedMessage> entries, PageRange range) {
        if (entries.size() != range.size()) {
            return counted("stale", new CacheRead.Stale());
        }
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).seq() != range.lo() + i) {
                return counted("stale", new CacheRead.Stale());
            }
        }
        return counted("hit", new CacheRead.Hit(entries));
    }

    /**
     * The entries parsed, for a page whose reactions must be marked for its reader; empty when one is damaged, which
     * takes the room out of the cache (the page is then read from PostgreSQL, and the next reader refills the room).
     */
    Optional<List<MessageView>> parsed(UUID roomId, List<CachedMessage> entries) {
        try {
            return Optional.of(entries.stream().map(redis::message).toList());
        } catch (JacksonException e) {
            log.warn("Unreadable cache entry of room {}: {}", roomId, e.getOriginalMessage());
            try {
                redis.drop(roomId);
            } catch (DataAccessException redisFailure) {
                backoff.leaveAlone(redisFailure);
            }
            return Optional.empty();
        }
    }

    private CacheRead counted(String result, CacheRead read) {
        reads.get(result).increment();
        return read;
    }
}
