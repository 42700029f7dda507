package dev.parley.gateway.ws.support;

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
import org.springframework.http.HttpHeaders;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * A server-side socket for unit tests: records what is sent, and blocks writes until {@link #unblock}
 * is released, as with a client that stopped reading.
 */
public final class FakeSocket implements WebSocketSession {

    public final CountDownLatch writing = new CountDownLatch(1);
    public final CountDownLatch unblock = new CountDownLatch(1);
    public final CompletableFuture<CloseStatus> closed = new CompletableFuture<>();
    public final Map<String, Object> attributes = new HashMap<>();
    public final List<String> sent = new CopyOnWriteArrayList<>();

    @Override
    public void sendMessage(WebSocketMessage<?> message) {
        writing.countDown();
        try {
            unblock.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (message instanceof TextMessage text) {
            sent.add(text.getPayload());
        }
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
