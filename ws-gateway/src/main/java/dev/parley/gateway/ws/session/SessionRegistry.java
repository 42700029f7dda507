package dev.parley.gateway.ws.session;

import dev.parley.gateway.ws.metrics.GatewayMetrics;
import dev.parley.gateway.ws.protocol.FrameWriter;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.AttributeKey;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.springframework.stereotype.Component;

/**
 * The sessions of this gateway instance. Every connection gets a {@link ClientSession}; only ready
 * (authenticated) ones are indexed by session id, which is how acks find their sender. A connection
 * that still has to authenticate holds its place among the {@link PendingAuthentications} until it is
 * ready or gone. Once the instance is draining (shutting down) it takes no new connections.
 */
@Component
public class SessionRegistry {

    private static final AttributeKey<ClientSession> ATTRIBUTE = AttributeKey.valueOf(ClientSession.class.getName());
    private final Map<String, ClientSession> open = new ConcurrentHashMap<>();
    private final Map<String, ClientSession> ready = new ConcurrentHashMap<>();
    /** Ready sessions by user: where a push for a user rather than a room goes (a {@code mention}). */
    private final Map<UUID, Set<ClientSession>> readyByUser = new ConcurrentHashMap<>();
    private final Map<String, PendingAuthentications.Place> pendingPlaces = new ConcurrentHashMap<>();
    private final SessionProperties properties;
    private final LimitProperties limits;
    private final FrameWriter writer;
    private final GatewayMetrics metrics;
    private final Executor workers;
    private final Map<EventLoop, LoopDrains> drains = new ConcurrentHashMap<>();
    private volatile boolean draining;

    SessionRegistry(SessionProperties properties, LimitProperties limits, FrameWriter writer, GatewayMetrics metrics,
                    ConnectionWorkers workers) {
        this.workers = workers;
        this.properties = properties;
        this.limits = limits;
        this.writer = writer;
        this.metrics = metrics;
        metrics.gauge("parley.ws.connections", "Open WebSocket connections of this instance", open::size);
        metrics.gauge("parley.ws.connections.ready", "Authenticated connections of this instance", ready::size);
    }

    /**
     * Wraps a new connection; the wrapper travels in the channel's attributes. {@code pendingPlace} is its
     * place among the connections still to authenticate ({@code null} when its upgrade carried a token),
     * given back when it becomes ready or is removed.
     */
    public ClientSession open(Channel socket, PendingAuthentications.Place pendingPlace) {
        ClientSession session = new ClientSession(socket, drains.computeIfAbsent(socket.eventLoop(), LoopDrains::new),
                workers, writer, properties, limits, metrics);
        socket.attr(ATTRIBUTE).set(session);
        open.put(session.id(), session);
        if (pendingPlace != null) {
            pendingPlaces.put(session.id(), pendingPlace);
        }
        return session;
    }

    /** The wrapper of a socket opened by {@link #open}, or {@code null}. */
    public ClientSession of(Channel socket) {
        return socket.attr(ATTRIBUTE).get();
    }

    public void markReady(ClientSession session) {
        givePendingPlaceBack(session);
        ready.put(session.id(), session);
        readyByUser.computeIfAbsent(session.user().userId(), user -> ConcurrentHashMap.newKeySet()).add(session);
        session.startHeartbeat(System.nanoTime(), properties.heartbeat().toNanos());
    }

    public Optional<ClientSession> find(String sessionId) {
        return sessionId == null ? Optional.empty() : Optional.ofNullable(ready.get(sessionId));
    }

    /** The ready sessions of a user on this instance. */
    public Collection<ClientSession> ofUser(UUID userId) {
        return readyByUser.getOrDefault(userId, Set.of());
    }

    public Collection<ClientSession> readySessions() {
        return ready.values();
    }

    public Collection<ClientSession> openSessions() {
        return open.values();
    }

    public void remove(ClientSession session) {
        givePendingPlaceBack(session);
        if (ready.remove(session.id()) != null) {
            readyByUser.computeIfPresent(session.user().userId(), (user, sessions) -> {
                sessions.remove(session);
                return sessions.isEmpty() ? null : sessions;
            });
        }
        open.remove(session.id());
    }

    private void givePendingPlaceBack(ClientSession session) {
        PendingAuthentications.Place place = pendingPlaces.remove(session.id());
        if (place != null) {
            place.release();
        }
    }

    public void startDraining() {
        draining = true;
    }

    public boolean isDraining() {
        return draining;
    }
}
