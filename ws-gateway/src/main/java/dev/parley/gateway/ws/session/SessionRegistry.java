package dev.parley.gateway.ws.session;

import dev.parley.gateway.ws.metrics.GatewayMetrics;
import dev.parley.gateway.ws.protocol.FrameWriter;
import jakarta.annotation.PreDestroy;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketSession;

/**
 * The sessions of this gateway instance. Every connection gets a {@link ClientSession}; only ready
 * (authenticated) ones are indexed by session id, which is how acks find their sender. A connection
 * that still has to authenticate holds its place among the {@link PendingAuthentications} until it is
 * ready or gone. Once the instance is draining (shutting down) it takes no new connections.
 */
@Component
public class SessionRegistry {

    private static final String ATTRIBUTE = ClientSession.class.getName();
    private final Map<String, ClientSession> open = new ConcurrentHashMap<>();
    private final Map<String, ClientSession> ready = new ConcurrentHashMap<>();
    /** Ready sessions by user: where a push for a user rather than a room goes (a {@code mention}). */
    private final Map<UUID, Set<ClientSession>> readyByUser = new ConcurrentHashMap<>();
    private final Map<String, PendingAuthentications.Place> pendingPlaces = new ConcurrentHashMap<>();
    private final SessionProperties properties;
    private final LimitProperties limits;
    private final FrameWriter writer;
    private final GatewayMetrics metrics;
    /**
     * Platform threads: a virtual thread blocked in class loading pins its carrier, and with a carrier per
     * core a few of them wedged the whole process (ADR 0010). Two of them write in the common case; up to
     * 512, one more every 5 ms while all of them are stuck in a write (WriterPool).
     */
    private final WriterPool writers = new WriterPool(2, 512, TimeUnit.MILLISECONDS.toNanos(5), 30_000);
    private volatile boolean draining;

    SessionRegistry(SessionProperties properties, LimitProperties limits, FrameWriter writer, GatewayMetrics metrics) {
        this.properties = properties;
        this.limits = limits;
        this.writer = writer;
        this.metrics = metrics;
        metrics.gauge("parley.ws.connections", "Open WebSocket connections of this instance", open::size);
        metrics.gauge("parley.ws.connections.ready", "Authenticated connections of this instance", ready::size);
        metrics.gauge("parley.ws.writer.threads", "Threads writing to clients (more while clients stall writes)", writers::threads);
    }

    /**
     * Wraps a new connection; the wrapper travels in the socket's attributes. {@code pendingPlace} is its
     * place among the connections still to authenticate ({@code null} when its upgrade carried a token),
     * given back when it becomes ready or is removed.
     */
    public ClientSession open(WebSocketSession socket, PendingAuthentications.Place pendingPlace) {
        ClientSession session = new ClientSession(socket, writers, writer, properties, limits, metrics);
        socket.getAttributes().put(ATTRIBUTE, session);
        open.put(session.id(), session);
        if (pendingPlace != null) {
            pendingPlaces.put(session.id(), pendingPlace);
        }
        return session;
    }

    /** The wrapper of a socket opened by {@link #open}, or {@code null}. */
    public ClientSession of(WebSocketSession socket) {
        return (ClientSession) socket.getAttributes().get(ATTRIBUTE);
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

    @PreDestroy
    void stopWriting() {
        writers.shutdown();
    }

    public void startDraining() {
        draining = true;
    }

    public boolean isDraining() {
        return draining;
    }
}
