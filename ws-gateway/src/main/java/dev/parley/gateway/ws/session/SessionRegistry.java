package dev.parley.gateway.ws.session;

import dev.parley.gateway.ws.protocol.FrameWriter;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

/**
 * The sessions of this gateway instance. Every connection gets a {@link ClientSession}; only ready
 * (authenticated) ones are indexed by session id, which is how acks find their sender.
 */
@Component
public class SessionRegistry {

    private static final String ATTRIBUTE = ClientSession.class.getName();

    private final Map<String, ClientSession> ready = new ConcurrentHashMap<>();
    private final SessionProperties properties;
    private final FrameWriter writer;

    SessionRegistry(SessionProperties properties, FrameWriter writer) {
        this.properties = properties;
        this.writer = writer;
    }

    /** Wraps a new connection; the wrapper travels in the socket's attributes. */
    public ClientSession open(WebSocketSession socket) {
        var decorated = new ConcurrentWebSocketSessionDecorator(socket,
                (int) properties.sendTimeLimit().toMillis(), properties.sendBufferBytes());
        ClientSession session = new ClientSession(decorated, writer);
        socket.getAttributes().put(ATTRIBUTE, session);
        return session;
    }

    /** The wrapper of a socket opened by {@link #open}, or {@code null}. */
    public ClientSession of(WebSocketSession socket) {
        return (ClientSession) socket.getAttributes().get(ATTRIBUTE);
    }

    public void markReady(ClientSession session) {
        ready.put(session.id(), session);
    }

    public Optional<ClientSession> find(String sessionId) {
        return sessionId == null ? Optional.empty() : Optional.ofNullable(ready.get(sessionId));
    }

    public Collection<ClientSession> readySessions() {
        return ready.values();
    }

    public void remove(ClientSession session) {
        ready.remove(session.id());
    }
}
