package dev.parley.gateway.ws.support;

import dev.parley.gateway.ws.session.FrameSink;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.springframework.http.HttpHeaders;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * A server-side socket for unit tests, and the sink of its frames: records what is sent, and holds
 * writes until {@link #unblock} is released, as with a client that stopped reading. A write the
 * client takes at once completes on the writing thread, as the container's do.
 */
public final class FakeSocket implements WebSocketSession, FrameSink {

    public final CountDownLatch writing = new CountDownLatch(1);
    public final CountDownLatch unblock = new CountDownLatch(1);
    public final CompletableFuture<CloseStatus> closed = new CompletableFuture<>();
    public final Map<String, Object> attributes = new HashMap<>();
    public final List<String> sent = new CopyOnWriteArrayList<>();

    @Override
    public void sendMessage(WebSocketMessage<?> message) {
        throw new UnsupportedOperationException("frames go through the FrameSink");
    }

    @Override
    public void write(WebSocketMessage<?> message, Consumer<Throwable> done) {
        writing.countDown();
        if (unblock.getCount() == 0) {
            record(message);
            done.accept(null);
            return;
        }
        Thread.ofPlatform().daemon(true).start(() -> {
            try {
                unblock.await(10, TimeUnit.SECONDS);
                record(message);
                done.accept(null);
            } catch (InterruptedException e) {
                done.accept(e);
            }
        });
    }

    @Override
    public void writeControl(WebSocketMessage<?> message) {
    }

    private void record(WebSocketMessage<?> message) {
        if (message instanceof TextMessage text) {
            sent.add(text.getPayload());
        }
    }

    @Override
    public String id() {
        return getId();
    }

    /** Waits until {@code count} text frames were written. */
    public List<String> awaitSent(int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (sent.size() < count && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        return sent;
    }

    @Override
    public void close(CloseStatus status) {
        closed.complete(status);
    }

    @Override
    public void close() throws IOException {
        close(CloseStatus.NORMAL);
    }

    @Override
    public boolean isOpen() {
        return !closed.isDone();
    }

    @Override
    public String getId() {
        return "fake";
    }

    @Override
    public URI getUri() {
        return null;
    }

    @Override
    public HttpHeaders getHandshakeHeaders() {
        return new HttpHeaders();
    }

    @Override
    public Map<String, Object> getAttributes() {
        return attributes;
    }

    @Override
    public Principal getPrincipal() {
        return null;
    }

    @Override
    public InetSocketAddress getLocalAddress() {
        return null;
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
        return null;
    }

    @Override
    public String getAcceptedProtocol() {
        return null;
    }

    @Override
    public void setTextMessageSizeLimit(int messageSizeLimit) {
    }

    @Override
    public int getTextMessageSizeLimit() {
        return 0;
    }

    @Override
    public void setBinaryMessageSizeLimit(int messageSizeLimit) {
    }

    @Override
    public int getBinaryMessageSizeLimit() {
        return 0;
    }

    @Override
    public List<WebSocketExtension> getExtensions() {
        return List.of();
    }
}
