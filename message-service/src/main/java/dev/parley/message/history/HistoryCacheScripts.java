package dev.parley.message.history;

import dev.parley.message.sending.MessageView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Redis side of {@link RecentHistoryCache}: a room's two keys, the Lua scripts that read and write them
 * compare-and-set on the version ({@code history-cache/*.lua}), and how the scripts are sent. Every method
 * throws {@link DataAccessException} when Redis fails; what to do then is the cache's decision.
 */
@Component
class HistoryCacheScripts {

    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> READ = RedisScript.of(text("history-cache/read.lua"), List.class);
    private static final RedisScript<Long> FILL = RedisScript.of(text("history-cache/fill.lua"), Long.class);
    private static final byte[] APPLY = script("history-cache/apply.lua");
    /** Redis runs a script it holds by this digest: sent instead of the script's 1.4 KB for every room. */
    private static final String APPLY_SHA = sha1Hex(APPLY);

    /** Every key of the cache starts with it. */
    static final String PREFIX = "parley:history:";
    private static final int DROP_BATCH = 1000;

    private final StringRedisTemplate redis;
    private final JsonMapper json;

    /** The keys' part after {@link #PREFIX}: the format of the entries this build writes ({@link CacheFormat}). */
    private final String format;

    HistoryCacheScripts(StringRedisTemplate redis, JsonMapper json) {
        this.redis = redis;
        this.json = json;
        this.format = CacheFormat.of(json);
    }

    /**
     * What the read script found for the range at the version: {@code hit} with the entries, ascending;
     * {@code outside} (up to date, the range reaches below the cached messages); anything else is stale.
     */
    record Reply(String state, List<CachedMessage> entries) {
    }

    Reply read(UUID roomId, long version, PageRange range) {
        List<?> reply = redis.execute(READ, keys(roomId), Long.toString(version), Long.toString(range.lo()),
                Long.toString(range.hi()));
        List<CachedMessage> entries = new ArrayList<>(reply.size() / 2);
        for (int i = 1; i + 1 < reply.size(); i += 2) { // the JSON, then its score: the seq
            entries.add(new CachedMessage(Long.parseLong(String.valueOf(reply.get(i + 1))), String.valueOf(reply.get(i))));
        }
        return new Reply(String.valueOf(reply.getFirst()), entries);
    }

    /** The room's head as the cache holds it, without asking PostgreSQL; empty when the room is not cached. */
    Optional<RoomHead> head(UUID roomId) {
        List<Object> fields = redis.opsForHash().multiGet(keys(roomId).getFirst(), List.of("head", "version"));
        if (fields.contains(null)) {
            return Optional.empty();
        }
        return Optional.of(new RoomHead(Long.parseLong((String) fields.get(0)), Long.parseLong((String) fields.get(1))));
    }

    /** @throws JacksonException when the entry is damaged */
    MessageView message(CachedMessage entry) {
        return json.readValue(entry.json(), MessageView.class);
    }

    /** Stores the window unless Redis already holds its version or a newer one. */
    void fill(UUID roomId, RoomHead head, List<MessageView> messages, Duration ttl) {
        List<String> args = new ArrayList<>(List.of(Long.toString(head.version()), Long.toString(head.lastSeq()),
                Long.toString(ttl.toMillis())));
        messages.forEach(message -> args.addAll(entry(message)));
        redis.execute(FILL, keys(roomId), args.toArray());
    }

    /** Applies every change whose room is at its {@code fromVersion}, in one round trip. */
    void apply(Collection<RoomHistoryChange> changes, int size, Duration ttl) {
        List<byte[][]> calls = changes.stream().map(change -> applyArguments(change, size, ttl)).toList();
        try {
            applyPipelined(calls, false);
        } catch (DataAccessException e) {
            if (!isNoScript(e)) {
                throw e;
            }
            // Redis lost its scripts (restarted, SCRIPT FLUSH): send the text once more, which loads it. A
            // change that went through the first time is then refused by its version check.
            applyPipelined(calls, true);
        }
    }

    void drop(UUID roomId) {
        redis.delete(keys(roomId));
    }

    /** Takes the rooms out of the cache, in one round trip. */
    void drop(Collection<UUID> roomIds) {
        delete(roomIds.stream().flatMap(roomId -> keys(roomId).stream()).toList());
    }

    /** Takes every room out of the cache, {@link #DROP_BATCH} keys a round trip. */
    void dropAll() {
        List<String> batch = new ArrayList<>();
        try (Cursor<String> keys = redis.scan(ScanOptions.scanOptions().match(PREFIX + "*").count(DROP_BATCH).build())) {
            while (keys.hasNext()) {
                batch.add(keys.next());
                if (batch.size() == DROP_BATCH) {
                    delete(batch);
                    batch.clear();
                }
            }
        }
        delete(batch);
    }

    /**
     * Both keys of a room in one hash slot (Redis Cluster runs a script only on keys of one slot), named with the
     * entries' format: a build that writes messages otherwise never reads what another cached.
     */
    List<String> keys(UUID roomId) {
        String prefix = PREFIX + format + ":{" + roomId + "}:";
        return List.of(prefix + "head", prefix + "messages");
    }

    /** One DEL per key, pipelined: keys of many rooms are in many hash slots. */
    private void delete(List<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        redis.executePipelined((RedisCallback<Object>) connection -> {
            keys.forEach(key -> connection.keyCommands().del(key.getBytes(StandardCharsets.UTF_8)));
            return null;
        });
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

    private byte[][] applyArguments(RoomHistoryChange change, int size, Duration ttl) {
        List<String> parts = new ArrayList<>(keys(change.roomId()));
        parts.addAll(List.of(Long.toString(change.fromVersion()), Long.toString(change.toVersion()),
                Long.toString(change.lastSeq()), Integer.toString(size), Long.toString(ttl.toMillis())));
        change.messages().forEach(message -> parts.addAll(entry(message)));
        return parts.stream().map(part -> part.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
    }

    private List<String> entry(MessageView message) {
        return List.of(Long.toString(message.seq()), json.writeValueAsString(message));
    }

    private static boolean isNoScript(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && cause.getMessage().contains("NOSCRIPT")) {
                return true;
            }
        }
        return false;
    }

    private static String sha1Hex(byte[] script) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(script));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Read once: a script made from the resource would look up the file's modification time on every call. */
    private static String text(String path) {
        return new String(script(path), StandardCharsets.UTF_8);
    }

    private static byte[] script(String path) {
        try (var in = new ClassPathResource(path).getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
