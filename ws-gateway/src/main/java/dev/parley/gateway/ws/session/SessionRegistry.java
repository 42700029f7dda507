package dev.parley.gateway.ws.session;

import dev.parley.gateway.ws.metrics.GatewayMetrics;
import dev.parley.gateway.ws.protocol.FrameWriter;
import jakarta.annotation.PreDestroy;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketSession;

/**
 * The sessions of this gateway instance. Every connection gets a {@link ClientSession}; only ready
 * (authenticated) ones are indexed by session id, which is how acks find their sender. Once the
 * instance is draining (shutting down) it takes no new connections.
 */
@Component
public class SessionRegistry {

    private static final String ATTRIBUTE = ClientSession.class.getName();
    /** Each such write takes microseconds unless its client stopped reading; then at most the send time limit. */
    private static final int BLOCKING_WRITE_THREADS = 8;

    private final Map<String, ClientSession> open = new ConcurrentHashMap<>();
    private final Map<String, ClientSession> ready = new ConcurrentHashMap<>();
    private final SessionProperties properties;
    private final LimitProperties limits;
    private final FrameWriter writer;
    private final GatewayMetrics metrics;
    /**
     * Pings and close frames, the only writes the container makes blocking. Platform threads: a virtual
     * thread blocked in class loading pins its carrier, and with as many carriers as cores a few such
     * threads waiting on one lock wedged the whole process (docs/reliability.md).
     */
    private final ExecutorService blockingWrites = Executors.newFixedThreadPool(BLOCKING_WRITE_THREADS,
            Thread.ofPlatform().name("ws-blocking-write-", 0).daemon(true).factory());
    private volatile boolean draining;

    SessionRegistry(SessionProperties properties, LimitProperties limits, FrameWriter writer, GatewayMetrics metrics) {
        this.properties = properties;
        this.limits = limits;
        this.writer = writer;
        this.metrics = metrics;
        metrics.gauge("parley.ws.connections", "Open WebSocket connections of this instance", open::size);
        metrics.gauge("parley.ws.connections.ready", "Authenticated connections of this instance", ready::size);
    }

    /** Wraps a new connection; the wrapper travels in the socket's attributes. */
    public ClientSession open(WebSocketSession socket) {
        ClientSession session = new ClientSession(socket, ContainerFrameSink.of(socket, properties.sendTimeLimit()),
                blockingWrites, writer, properties, limits, metrics);
        socket.getAttributes().put(ATTRIBUTE, session);
        open.put(session.id(), session);
        return session;
    }

    /** The wrapper of a socket opened by {@link #open}, or {@code null}. */
    public ClientSession of(WebSocketSession socket) {
        return (ClientSession) socket.getAttributes().get(ATTRIBUTE);
    }

    public void markReady(ClientSession session) {
        ready.put(session.id(), session);
        session.startHeartbeat(System.nanoTime(), properties.heartbeat().toNanos());
    }

    public Optional<ClientSession> find(String sessionId) {
        return sessionId == null ? Optional.empty() : Optional.ofNullable(ready.get(sessionId));
    }

    public Collection<ClientSession> readySessions() {
        return ready.values();
    }

    public Collection<ClientSession> openSessions() {
        return open.values();
    }

    public void remove(ClientSession session) {
        ready.remove(session.id());
        open.remove(session.id());
    }

    @PreDestroy
    void stopWriting() {
        blockingWrites.shutdown();
    }

    public void startDraining() {
        draining = true;
    }

    public boolean isDraining() {
        return draining;
    }
}
