package dev.parley.gateway.ws.presence;

import dev.parley.events.Topic;
import dev.parley.events.presence.PresenceEvent;
import dev.parley.events.presence.UserOffline;
import dev.parley.events.presence.UserOnline;
import dev.parley.gateway.ws.GatewayProperties;
import dev.parley.gateway.ws.events.EventPublisher;
import dev.parley.gateway.ws.session.LimitProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Cluster-wide presence. Each ready connection is recorded in Redis ({@link PresenceStore}) with an
 * expiry this gateway keeps pushing forward; a user is online while any of their connections on any
 * gateway is unexpired. The transitions the scripts report — first connection anywhere, last one
 * gone — are published as UserOnline/UserOffline on {@code parley.presence-events.v1}, with Redis's
 * time as {@code at}. A gateway that dies stops refreshing; every gateway sweeps expired users
 * periodically, so its users go offline within {@code ttl + sweepInterval}.
 *
 * <p>A user whose last connection closes stays online for {@code offlineLinger} (1 s): a page reload or a quick
 * reconnect, on any gateway, then makes no offline/online pair for every member of their rooms. This gateway
 * settles the linger when it ends; when it died meanwhile, another's sweep does. A draining gateway does not
 * linger: its clients are told to reconnect elsewhere, and those that do not are offline at once.
 *
 * <p>The per-user connection limit is decided by the same script that records the connection.
 * Redis trouble degrades presence only: the connection is admitted, and the periodic refresh
 * records it (and reports it online) once Redis answers again. One user's calls are serialized
 * under a striped lock, so a refresh cannot re-admit a connection that is closing.
 */
@Service
public class PresenceTracker {

    private static final Logger log = LoggerFactory.getLogger(PresenceTracker.class);
    private static final int REFRESH_BATCH = 500;

    private final PresenceStore store;
    private final EventPublisher publisher;
    private final PresenceProperties properties;
    private final int maxConnections;
    private final String gatewayId;
    private final TaskScheduler timers;
    private final Map<UUID, Set<String>> local = new ConcurrentHashMap<>();
    private final ReentrantLock[] stripes = new ReentrantLock[64];

    PresenceTracker(PresenceStore store, EventPublisher publisher, PresenceProperties properties,
                    LimitProperties limits, GatewayProperties gateway, TaskScheduler timers) {
        this.store = store;
        this.publisher = publisher;
        this.properties = properties;
        this.maxConnections = limits.maxConnectionsPerUser();
        this.gatewayId = gateway.gatewayId();
        this.timers = timers;
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /** Records a ready connection; {@code false} when the user already has the maximum (close it). */
    public boolean connected(UUID userId, String sessionId) {
        ReentrantLock lock = lockOf(userId);
        lock.lock();
        try {
            PresenceStore.Admission admission;
            try {
                admission = store.connect(connection(userId, sessionId), properties.ttl().toMillis(), maxConnections);
            } catch (RuntimeException e) {
                log.warn("Could not record the connection of user {} (admitted without a limit check): {}",
                        userId, e.toString());
                admission = new PresenceStore.Admission(true, false, null);
            }
            if (!admission.admitted()) {
                return false;
            }
            local.computeIfAbsent(userId, id -> ConcurrentHashMap.newKeySet()).add(sessionId);
            if (admission.cameOnline()) {
                publish(new UserOnline(userId, admission.at()));
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** A ready connection closed; {@code linger} unless this gateway is draining (see the class comment). */
    public void disconnected(UUID userId, String sessionId, boolean linger) {
        ReentrantLock lock = lockOf(userId);
        lock.lock();
        try {
            Set<String> sessions = local.get(userId);
            if (sessions == null || !sessions.remove(sessionId)) {
                return;
            }
            if (sessions.isEmpty()) {
                local.remove(userId);
            }
            Duration lingering = linger ? properties.offlineLinger() : Duration.ZERO;
            PresenceStore.Departure departure = store.disconnect(connection(userId, sessionId), lingering.toMillis());
            if (departure.offlineAt() != null) {
                publish(new UserOffline(userId, departure.offlineAt()));
            } else if (departure.lingering()) {
                settleAfter(userId, lingering);
            }
        } catch (RuntimeException e) {
            log.warn("Could not remove the connection of user {} (it expires instead): {}", userId, e.toString());
        } finally {
            lock.unlock();
        }
    }

    @Scheduled(fixedDelayString = "${parley.ws.presence.refresh-interval:15s}")
    void refresh() {
        List<PresenceStore.Connection> all = new ArrayList<>();
        local.forEach((userId, sessions) -> sessions.forEach(sessionId -> all.add(connection(userId, sessionId))));
        for (int from = 0; from < all.size(); from += REFRESH_BATCH) {
            List<PresenceStore.Connection> batch = all.subList(from, Math.min(all.size(), from + REFRESH_BATCH));
            try {
                store.refresh(batch, properties.ttl().toMillis()).forEach(this::readmit);
            } catch (RuntimeException e) {
                log.warn("Could not refresh presence: {}", e.toString());
                return;
            }
        }
    }

    @Scheduled(fixedDelayString = "${parley.ws.presence.sweep-interval:5s}")
    void sweep() {
        try {
            PresenceStore.Swept swept;
            do {
                swept = store.sweep(properties.sweepBatch());
                for (UUID userId : swept.offline()) {
                    publish(new UserOffline(userId, swept.at()));
                }
            } while (swept.offline().size() >= properties.sweepBatch());
        } catch (RuntimeException e) {
            log.warn("Could not sweep expired presence: {}", e.toString());
        }
    }

    private void settleAfter(UUID userId, Duration linger) {
        try {
            timers.schedule(() -> settle(userId), Instant.now().plus(linger));
        } catch (RuntimeException e) { // stopping: another gateway's sweep takes the user offline
            log.warn("Could not wait for the linger of user {} to end: {}", userId, e.toString());
        }
    }

    private void settle(UUID userId) {
        try {
            PresenceStore.Settlement settlement = store.settle(userId);
            if (settlement.offlineAt() != null) {
                publish(new UserOffline(userId, settlement.offlineAt()));
            } else if (settlement.lingersFor().isPositive()) {
                settleAfter(userId, settlement.lingersFor());
            }
        } catch (RuntimeException e) { // the sweep takes the user offline once Redis answers
            log.warn("Could not end the linger of user {}: {}", userId, e.toString());
        }
    }

    /** A connection this gateway still holds was missing in Redis (outage, or a pause beyond the TTL). */
    private void readmit(PresenceStore.Connection connection) {
        ReentrantLock lock = lockOf(connection.userId());
        lock.lock();
        try {
            Set<String> sessions = local.get(connection.userId());
            String sessionId = connection.member().substring(gatewayId.length() + 1);
            if (sessions != null && sessions.contains(sessionId)) {
                PresenceStore.Admission admission = store.connect(connection, properties.ttl().toMillis(),
                        Integer.MAX_VALUE);
                if (admission.cameOnline()) {
                    publish(new UserOnline(connection.userId(), admission.at()));
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private void publish(PresenceEvent event) {
        publisher.publish(Topic.PRESENCE_EVENTS, event).exceptionally(e -> {
            log.warn("Could not publish {} of user {}: {}", event.getClass().getSimpleName(), event.userId(),
                    e.toString());
            return null;
        });
    }

    private PresenceStore.Connection connection(UUID userId, String sessionId) {
        return new PresenceStore.Connection(userId, gatewayId + "/" + sessionId);
    }

    private ReentrantLock lockOf(UUID userId) {
        return stripes[Math.floorMod(userId.hashCode(), stripes.length)];
    }
}
