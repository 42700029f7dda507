package dev.parley.message.history;

import dev.parley.message.history.HistoryQueries.RecentWindow;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The newest messages of each room in Redis: a sorted set of message JSON scored by seq, and a hash with
 * the room's last seq and the history version they show. PostgreSQL stays the truth: a page is served from
 * here only when the version equals the one PostgreSQL reports at the time of the read, so a cache that
 * missed a write (Redis away, a crash between commit and cache update, a stale copy restored) is never
 * served — it is refilled from one snapshot instead. Writes and fills are compare-and-set on the version
 * (Lua scripts), so a reader's older window never overwrites a newer state. Every Redis failure degrades
 * to PostgreSQL; after one, Redis is left alone for {@code retryAfter}.
 */
@Component
public class RecentHistoryCache {

    private static final Logger log = LoggerFactory.getLogger(RecentHistoryCache.class);
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> READ = RedisScript.of(new ClassPathResource("history-cache/read.lua"),
            List.class);
    private static final RedisScript<Long> FILL = RedisScript.of(new ClassPathResource("history-cache/fill.lua"),
            Long.class);
    private static final byte[] APPLY = script("history-cache/apply.lua");
    /** Redis runs a script it holds by this digest: sent instead of the script's 1.4 KB for every room. */
    private static final String APPLY_SHA = sha1Hex(APPLY);

    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final HistoryQueries queries;
    private final RecentHistoryProperties properties;
    private final Map<String, Counter> reads;
    private final Set<UUID> refilling = ConcurrentHashMap.newKeySet();
    private volatile long leaveAloneUntil;

    RecentHistoryCache(StringRedisTemplate redis, JsonMapper json, HistoryQueries queries,
                       RecentHistoryProperties properties, MeterRegistry meters) {
        this.redis = redis;
        this.json = json;
        this.queries = queries;
        this.properties = properties;
        this.reads = Stream.of("hit", "stale", "outside", "unavailable").collect(Collectors.toMap(result -> result,
                result -> Counter.builder("parley.history.cache.reads").tag("result", result)
                        .description("History pages by where the cache stood").register(meters)));
    }

    /** What a read of the cache found. */
    sealed interface CacheRead {
        /** The messages of the range, ascending, at the version asked for. */
        record Hit(List<MessageView> messages) implements CacheRead {
        }

        /** Absent, at another version or damaged: answer from PostgreSQL and refill. */
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
        if (!available()) {
            return counted("unavailable", new CacheRead.Unavailable());
        }
        try {
            List<?> reply = redis.execute(READ, keys(roomId), Long.toString(head.version()),
                    Long.toString(range.lo()), Long.toString(range.hi()));
            return switch (String.valueOf(reply.getFirst())) {
                case "hit" -> hit(roomId, reply.subList(1, reply.size()), range);
                case "outside" -> counted("outside", new CacheRead.Outside());
                default -> counted("stale", new CacheRead.Stale());
            };
        } catch (DataAccessException e) {
            leaveAlone(e);
            return counted("unavailable", new CacheRead.Unavailable());
        }
    }

    /** Fills the room's cache from one PostgreSQL snapshot of its newest messages (at most one at a time per room). */
    void refill(UUID roomId) {
        if (!available() || !refilling.add(roomId)) {
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
        List<String> args = new ArrayList<>(List.of(Long.toString(window.head().version()),
                Long.toString(window.head().lastSeq()), Long.toString(properties.ttl().toMillis())));
        window.messages().forEach(message -> args.addAll(entry(message)));
        try {
            redis.execute(FILL, keys(roomId), args.toArray());
        } catch (DataAccessException e) {
            leaveAlone(e);
        }
    }

    /**
     * Brings the cached rooms up to date with committed changes, in one round trip. Best effort: a room
     * this cannot update is dropped or left at its older version, and readers refill it.
     */
    public void apply(Collection<RoomHistoryChange> changes) {
        if (changes.isEmpty() || !available()) {
            return;
        }
        List<byte[][]> calls = changes.stream().map(this::applyArguments).toList();
        try {
            applyPipelined(calls, false);
        } catch (DataAccessException e) {
            if (!isNoScript(e)) {
                leaveAlone(e);
                return;
            }
            // Redis lost its scripts (restarted, SCRIPT FLUSH): send the text once more, which loads it. A
            // change that went through the first time is then refused by its version check.
            try {
                applyPipelined(calls, true);
            } catch (DataAccessException again) {
                leaveAlone(again);
            }
        }
    }

    private void applyPipelined(List<byte[][]> calls, boolean withText) {
        redis.executePipelined((RedisCallback<Object>) connection -> {
            var scripting = connection.scriptingCommands();
            for (byte[][] keysAndArgs : calls) {
                if (withText) {
                    scripting.eval(APPLY, ReturnType.INTEGER, 2, keysAndArgs);
                } else {
                    scripting.evalSha(APPLY_SHA, ReturnType.INTEGER, 2, keysAndArgs);
                }
            }
            return null;
        });
    }

    private static boolean isNoScript(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && cause.getMessage().contains("NOSCRIPT")) {
                return true;
            }
        }
        return false;
    }

    private byte[][] applyArguments(RoomHistoryChange change) {
        List<String> parts = new ArrayList<>(keys(change.roomId()));
        parts.addAll(List.of(Long.toString(change.fromVersion()), Long.toString(change.toVersion()),
                Long.toString(change.lastSeq()), Integer.toString(properties.size()),
                Long.toString(properties.ttl().toMillis())));
        change.messages().forEach(message -> parts.addAll(entry(message)));
        return parts.stream().map(part -> part.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
    }

    private CacheRead hit(UUID roomId, List<?> entries, PageRange range) {
        try {
            List<MessageView> messages = entries.stream()
                    .map(entry -> json.readValue(String.valueOf(entry), MessageView.class)).toList();
            for (int i = 0; i < messages.size(); i++) {
                if (messages.get(i).seq() != range.lo() + i) {
                    return counted("stale", new CacheRead.Stale());
                }
            }
            return messages.size() == range.size() ? counted("hit", new CacheRead.Hit(messages))
                    : counted("stale", new CacheRead.Stale());
        } catch (JacksonException e) {
            log.warn("Unreadable cache entry of room {}: {}", roomId, e.getOriginalMessage());
            try {
                redis.delete(keys(roomId));
            } catch (DataAccessException redisFailure) {
                leaveAlone(redisFailure);
            }
            return counted("stale", new CacheRead.Stale());
        }
    }

    private List<String> entry(MessageView message) {
        return List.of(Long.toString(message.seq()), json.writeValueAsString(message));
    }

    private boolean available() {
        return properties.enabled() && System.currentTimeMillis() >= leaveAloneUntil;
    }

    private void leaveAlone(DataAccessException e) {
        if (available()) {
            log.warn("Redis failed, history comes from PostgreSQL for at least {}: {}", properties.retryAfter(),
                    e.getMessage());
        }
        leaveAloneUntil = System.currentTimeMillis() + properties.retryAfter().toMillis();
    }

    private CacheRead counted(String result, CacheRead read) {
        reads.get(result).increment();
        return read;
    }

    /** Both keys of a room in one hash slot (Redis Cluster runs a script only on keys of one slot). */
    static List<String> keys(UUID roomId) {
        String prefix = "parley:history:{" + roomId + "}:";
        return List.of(prefix + "head", prefix + "messages");
    }

    private static String sha1Hex(byte[] script) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(script));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] script(String path) {
        try (var in = new ClassPathResource(path).getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
