package dev.parley.gateway.ws.session;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

/**
 * Writes through the servlet container's asynchronous WebSocket API: a frame the client does not
 * take yet holds no thread, only its bytes, however many slow clients there are. A write blocked for
 * {@code sendTimeLimit} gets its connection closed as a slow consumer (4009) by the watchdog, once the
 * client takes the frame; the container cuts off one that takes nothing for twice that.
 */
final class ContainerFrameSink implements FrameSink {

    /** Tomcat's per-session bound for its blocking sends (control frames, the close frame). */
    private static final String BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

    private final WebSocketSession socket;
    private final RemoteEndpoint.Async remote;

    private ContainerFrameSink(WebSocketSession socket, Session container, Duration sendTimeLimit) {
        this.socket = socket;
        long cutOffMillis = sendTimeLimit.toMillis() * 2;
        this.remote = container.getAsyncRemote();
        this.remote.setSendTimeout(cutOffMillis);
        container.getUserProperties().put(BLOCKING_SEND_TIMEOUT, cutOffMillis);
    }

    static FrameSink of(WebSocketSession socket, Duration sendTimeLimit) {
        Session container = socket instanceof NativeWebSocketSession nativeSession
                ? nativeSession.getNativeSession(Session.class) : null;
        if (container == null) {
            throw new IllegalStateException("Not a servlet container's WebSocket session: " + socket);
        }
        return new ContainerFrameSink(socket, container, sendTimeLimit);
    }

    @Override
    public void write(WebSocketMessage<?> message, Consumer<Throwable> done) {
        try {
            switch (message) {
                case TextMessage text -> remote.sendText(text.getPayload(), result -> done.accept(result.getException()));
                case BinaryMessage binary -> remote.sendBinary(binary.getPayload(), result -> done.accept(result.getException()));
                default -> throw new IllegalArgumentException("Not a data frame: " + message);
            }
        } catch (RuntimeException e) {
            done.accept(e);
        }
    }

    @Override
    public void writeControl(WebSocketMessage<?> message) throws IOException {
        if (!(message instanceof PingMessage ping)) {
            throw new IllegalArgumentException("Not a ping: " + message);
        }
        remote.sendPing(ping.getPayload());
    }

    @Override
    public void close(CloseStatus status) throws IOException {
        socket.close(status);
    }

    @Override
    public String id() {
        return socket.getId();
    }
}
