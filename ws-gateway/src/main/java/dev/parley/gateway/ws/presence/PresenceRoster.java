package dev.parley.gateway.ws.presence;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * The cluster's shared knowledge of who is a member of which room, for presence only: which rooms a
 * user's presence is pushed to, and whose presence {@code GET /api/rooms/{id}/presence} lists. It is
 * fed by every gateway — memberships room-service confirmed on a {@code subscribe}, and room events —
 * so it knows the members that joined or subscribed since it was started (and within
 * {@code roster-ttl}); see the ADR for what that approximation misses. Redis trouble is logged, never
 * passed on: presence degrades, nothing else does.
 */
@Component
public class PresenceRoster {

    private static final Logger log = LoggerFactory.getLogger(PresenceRoster.class);
    private static final RedisScript<Long> ADD = PresenceStore.script("roster-add", Long.class);
    private static final RedisScript<Long> REMOVE = PresenceStore.script("roster-remove", Long.class);
    private static final RedisScript<Long> DROP_ROOM = PresenceStore.script("roster-drop-room", Long.class);

    private final StringRedisTemplate redis;
    private final Duration ttl;

    PresenceRoster(StringRedisTemplate redis, PresenceProperties properties) {
        this.redis = redis;
        this.ttl = properties.rosterTtl();
    }

    public void member(UUID roomId, UUID userId) {
        run(ADD, List.of(PresenceKeys.rooms(userId), PresenceKeys.members(roomId)), roomId.toString(),
                userId.toString(), Long.toString(ttl.toMillis()));
    }

    public void notMember(UUID roomId, UUID userId) {
        run(REMOVE, List.of(PresenceKeys.rooms(userId), PresenceKeys.members(roomId)), roomId.toString(),
                userId.toString());
    }

    public void roomDeleted(UUID roomId) {
        run(DROP_ROOM, List.of(PresenceKeys.members(roomId)), roomId.toString(), PresenceKeys.ROOMS_PREFIX);
    }

    /** The rooms the user is known to be a member of; empty when Redis cannot say. */
    public Set<UUID> roomsOf(UUID userId) {
        try {
            Set<String> rooms = redis.opsForSet().members(PresenceKeys.rooms(userId));
            return rooms == null ? Set.of() : rooms.stream().map(UUID::fromString).collect(Collectors.toSet());
        } catch (RuntimeException e) {
            log.warn("Could not read the rooms of user {}: {}", userId, e.toString());
            return Set.of();
        }
    }

    private void run(RedisScript<Long> script, List<String> keys, Object... args) {
        try {
            redis.execute(script, keys, args);
        } catch (RuntimeException e) {
            log.warn("Could not update the presence roster: {}", e.toString());
        }
    }
}
