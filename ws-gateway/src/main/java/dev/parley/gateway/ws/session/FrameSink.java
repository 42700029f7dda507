package dev.parley.gateway.ws.session;

import java.io.IOException;
import java.util.function.Consumer;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketMessage;

/**
 * Where one connection's frames are written, one at a time ({@link Outbound} never starts a write
 * before the previous one finished).
 */
public interface FrameSink {

    /**
     * Starts writing a data frame without blocking the caller; {@code done} runs once, with
     * {@code null} when the frame is written or with the failure — on any thread, this one included.
     */
    void write(WebSocketMessage<?> message, Consumer<Throwable> done);

    /** Writes a control frame (ping); may block, for at most the container's send time limit. */
    void writeControl(WebSocketMessage<?> message) throws IOException;

    /** Sends the close frame and closes; may block like {@link #writeControl}. */
    void close(CloseStatus status) throws IOException;

    /** For the logs. */
    String id();
}
