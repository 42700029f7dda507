package dev.parley.gateway.ws.presence;

import dev.parley.gateway.ws.GatewayProperties;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Records live connections in Redis, cluster-wide: per user a sorted set
 * {@code parley:presence:user:<userId>} of {@code <gatewayId>/<sessionId>} scored by the time the
 * record expires. This gateway refreshes its own records periodically; records of a gateway that
 * died simply expire (readers ignore members scored in the past, and the key itself expires when
 * nobody refreshes it). A user is online while the set has an unexpired member.
 *
 * <p>Redis trouble degrades presence only: it is logged, never passed on to the connection. The
 * Redis calls of one user run under that user's entry lock in the local map (bounded by the Redis
 * command timeout), so a periodic refresh cannot re-add a session that has just closed.
 */
@Service
public class PresenceTracker {

    private static final Logger log = LoggerFactory.getLogger(PresenceTracker.class);

    private final StringRedisTemplate redis;
    private final PresenceProperties properties;
    private final String gatewayId;
    private final Clock clock = Clock.systemUTC();
    private final Map<UUID, Set<String>> localSessions = new ConcurrentHashMap<>();

    PresenceTracker(StringRedisTemplate redis, PresenceProperties properties, GatewayProperties gateway) {
        this.redis = redis;
        this.properties = properties;
        this.gatewayId = gateway.gatewayId();
    }

    public static String key(UUID userId) {
        return "parley:presence:user:" + userId;
    }

    private String member(String sessionId) {
        return gatewayId + "/" + sessionId;
    }

    public void connected(UUID userId, String sessionId) {
        localSessions.compute(userId, (id, sessions) -> {
            Set<String> updated = sessions == null ? ConcurrentHashMap.newKeySet() : sessions;
            updated.add(sessionId);
            record(id, Set.of(sessionId));
            return updated;
        });
    }

    public void disconnected(UUID userId, String sessionId) {
        localSessions.computeIfPresent(userId, (id, sessions) -> {
            sessions.remove(sessionId);
            forget(id, sessionId);
            return sessions.isEmpty() ? null : sessions;
        });
    }

    @Scheduled(fixedDelayString = "${parley.ws.presence.refresh-interval:20s}")
    void refresh() {
        localSessions.keySet().forEach(userId -> localSessions.computeIfPresent(userId, (id, sessions) -> {
            record(id, sessions);
            return sessions;
        }));
    }

    private void record(UUID userId, Set<String> sessionIds) {
        long now = clock.millis();
        double expiresAt = now + properties.ttl().toMillis();
        String key = key(userId);
        try {
            for (String sessionId : sessionIds) {
                redis.opsForZSet().add(key, member(sessionId), expiresAt);
            }
            redis.opsForZSet().removeRangeByScore(key, Double.NEGATIVE_INFINITY, now);
            redis.expire(key, properties.ttl());
        } catch (RuntimeException e) {
            log.warn("Could not record presence of user {}: {}", userId, e.toString());
        }
    }

    private void forget(UUID userId, String sessionId) {
        try {
            redis.opsForZSet().remove(key(userId), member(sessionId));
        } catch (RuntimeException e) {
            log.warn("Could not remove presence of session {}: {}", sessionId, e.toString());
        }
    }
}
