package dev.parley.gateway.ws.presence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Connections and online users in Redis, changed only by Lua scripts: each script decides a
 * transition (first connection anywhere → online, last one gone and its linger over → offline)
 * atomically, so exactly one gateway sees each transition, however many act at once. Times are Redis's own clock, so the
 * gateways' clocks need not agree. Every call may throw when Redis is unreachable; callers degrade.
 */
@Component
@SuppressWarnings("rawtypes")
class PresenceStore {

    private static final RedisScript<List> CONNECT = script("connect");
    private static final RedisScript<List> DISCONNECT = script("disconnect");
    private static final RedisScript<List> SETTLE = script("settle");
    private static final RedisScript<List> REFRESH = script("refresh");
    private static final RedisScript<List> SWEEP = script("sweep");
    private static final RedisScript<List> ONLINE_MEMBERS = script("online-members");

    private final StringRedisTemplate redis;

    PresenceStore(StringRedisTemplate redis) {
        this.redis = redis;
    }

    /** The result of recording a connection. */
    record Admission(boolean admitted, boolean cameOnline, Instant at) {
    }

    /** A connection of this gateway, as recorded. */
    record Connection(UUID userId, String member) {
    }

    Admission connect(Connection connection, long ttlMs, int maxConnections) {
        List<?> result = redis.execute(CONNECT, List.of(PresenceKeys.connections(connection.userId()),
                PresenceKeys.online()), connection.member(), Long.toString(ttlMs), Integer.toString(maxConnections),
                connection.userId().toString());
        return new Admission(number(result, 0) == 1, number(result, 1) == 1, Instant.ofEpochMilli(number(result, 2)));
    }

    /**
     * The result of removing a connection: {@code offlineAt} when the user went offline with it, {@code lingering}
     * when it was their last one and they stay online for the linger (then {@link #settle} decides).
     */
    record Departure(Instant offlineAt, boolean lingering) {
    }

    Departure disconnect(Connection connection, long lingerMs) {
        List<?> result = redis.execute(DISCONNECT, List.of(PresenceKeys.connections(connection.userId()),
                PresenceKeys.online()), connection.member(), connection.userId().toString(), Long.toString(lingerMs));
        return new Departure(number(result, 0) == 1 ? Instant.ofEpochMilli(number(result, 1)) : null,
                number(result, 2) == 1);
    }

    /**
     * The end of a linger: {@code offlineAt} when the user went offline now; {@code lingersFor} when the linger has
     * not ended yet by Redis's clock (try again then); neither when a connection of theirs opened meanwhile.
     */
    record Settlement(Instant offlineAt, Duration lingersFor) {
    }

    Settlement settle(UUID userId) {
        List<?> result = redis.execute(SETTLE, List.of(PresenceKeys.connections(userId), PresenceKeys.online()),
                userId.toString());
        return new Settlement(number(result, 0) == 1 ? Instant.ofEpochMilli(number(result, 1)) : null,
                Duration.ofMillis(number(result, 2)));
    }

    /**
     * The gateways that hold the user's recorded connections, by id. Connections that expired may still be listed
     * until the user's next connect or disconnect removes them.
     */
    Set<String> gatewaysOf(UUID userId) {
        Set<String> members = redis.opsForZSet().range(PresenceKeys.connections(userId), 0, -1);
        Set<String> gateways = new HashSet<>();
        for (String member : members == null ? Set.<String>of() : members) {
            int slash = member.lastIndexOf('/');
            if (slash > 0) {
                gateways.add(member.substring(0, slash));
            }
        }
        return gateways;
    }

    /** Extends the given connections; returns those that were no longer recorded. */
    List<Connection> refresh(List<Connection> connections, long ttlMs) {
        List<String> keys = new ArrayList<>(connections.size() + 1);
        List<String> args = new ArrayList<>(connections.size() * 2 + 1);
        keys.add(PresenceKeys.online());
        args.add(Long.toString(ttlMs));
        for (Connection connection : connections) {
            keys.add(PresenceKeys.connections(connection.userId()));
            args.add(connection.member());
            args.add(connection.userId().toString());
        }
        List<?> missing = redis.execute(REFRESH, keys, args.toArray());
        List<Connection> gone = new ArrayList<>();
        for (Object position : missing == null ? List.of() : missing) {
            gone.add(connections.get(((Number) position).intValue() - 1));
        }
        return gone;
    }

    /** Takes offline up to {@code batch} users whose connections all expired. */
    Swept sweep(int batch) {
        List<?> result = redis.execute(SWEEP, List.of(PresenceKeys.online()), Integer.toString(batch),
                PresenceKeys.CONNECTIONS_PREFIX);
        Instant at = Instant.ofEpochMilli(Long.parseLong(String.valueOf(result.getFirst())));
        List<UUID> offline = result.stream().skip(1).map(user -> UUID.fromString(String.valueOf(user))).toList();
        return new Swept(at, offline);
    }

    record Swept(Instant at, List<UUID> offline) {
    }

    /** Those of the room's known members that are online now. */
    List<UUID> onlineMembers(UUID roomId) {
        List<?> online = redis.execute(ONLINE_MEMBERS, List.of(PresenceKeys.members(roomId), PresenceKeys.online()));
        return online == null ? List.of() : online.stream().map(user -> UUID.fromString(String.valueOf(user))).toList();
    }

    private static long number(List<?> result, int index) {
        return ((Number) result.get(index)).longValue();
    }

    @SuppressWarnings("rawtypes")
    private static RedisScript<List> script(String name) {
        return script(name, List.class);
    }

    /**
     * The script's text, read once: one made from the resource itself would look up the file's modification time
     * (a system call, under a lock) on every call, to see whether it changed.
     */
    static <T> RedisScript<T> script(String name, Class<T> resultType) {
        try {
            return RedisScript.of(new ClassPathResource("presence/" + name + ".lua").getContentAsString(StandardCharsets.UTF_8),
                    resultType);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
