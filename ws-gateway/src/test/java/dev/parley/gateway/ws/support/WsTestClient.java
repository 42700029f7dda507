package dev.parley.gateway.ws.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real WebSocket client (the JDK's) that queues the frames it receives. */
public final class WsTestClient implements WebSocket.Listener, AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Decimals read exactly, so that a test sees an echoed decimal {@code id} as the server wrote it. */
    private static final JsonMapper JSON =
            JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final java.util.Map<JsonNode, Long> receivedAt = java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private final java.util.Set<String> ignored = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private WebSocket socket;

    private WsTestClient() {
    }

    /** Connects, with {@code Authorization: Bearer <token>} unless the token is {@code null}. */
    public static WsTestClient connect(URI uri, String bearerToken) {
        return connectWith(uri, bearerToken == null ? Map.of() : Map.of("Authorization", "Bearer " + bearerToken));
    }

    /** Connects with these headers on the upgrade request (such as a proxy's {@code X-Forwarded-For}). */
    public static WsTestClient connectWith(URI uri, Map<String, String> headers) {
        WsTestClient client = new WsTestClient();
        WebSocket.Builder builder = HTTP.newWebSocketBuilder();
        headers.forEach(builder::header);
        try {
            client.socket = builder.buildAsync(uri, client).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("WebSocket connect failed", e);
        }
        return client;
    }

    /** The HTTP status that refused the upgrade. */
    public static int refusedUpgradeStatus(URI uri, String bearerToken) {
        return refusedUpgradeStatus(uri, Map.of("Authorization", "Bearer " + bearerToken));
    }

    /** The HTTP status that refused the upgrade with these headers. */
    public static int refusedUpgradeStatus(URI uri, Map<String, String> headers) {
        try {
            WebSocket.Builder builder = HTTP.newWebSocketBuilder();
            headers.forEach(builder::header);
            builder.buildAsync(uri, new WsTestClient()).get(WAIT.toSeconds(), TimeUnit.SECONDS).abort();
            return fail("the upgrade was accepted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether nothing listens at the URI any more (the upgrade fails or the socket closes at once). */
    public static boolean refusedOrClosed(URI uri) {
        try {
            WsTestClient client = new WsTestClient();
            client.socket = HTTP.newWebSocketBuilder().buildAsync(uri, client).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            return client.closeCode.isDone() || client.awaitCloseQuietly();
        } catch (Exception e) {
            return true;
        }
    }

    private boolean awaitCloseQuietly() {
        try {
            closeCode.get(2, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** Drops frames of these types from now on (pushes a test does not care about, such as presence). */
    public WsTestClient ignoring(String... types) {
        ignored.addAll(java.util.List.of(types));
        frames.removeIf(frame -> ignored.contains(frame.path("type").asString()));
        return this;
    }

    public WsTestClient send(String frame) {
        socket.sendText(frame, true).join();
        return this;
    }

    public WsTestClient sendBinary(byte[] data) {
        socket.sendBinary(ByteBuffer.wrap(data), true).join();
        return this;
    }

    /** The next frame, which must arrive within the wait. */
    public JsonNode next() {
        try {
            JsonNode frame = frames.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            return frame != null ? frame : fail("no frame within " + WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The next frame, asserting its type. */
    public JsonNode next(String type) {
        JsonNode frame = next();
        assertThat(frame.path("type").asString()).as("type of %s", frame).isEqualTo(type);
        return frame;
    }

    /** The next frame of the type, skipping frames of other types (other pushes may interleave). */
    public JsonNode await(String type) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                JsonNode frame = frames.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
                if (frame != null && frame.path("type").asString().equals(type)) {
                    return frame;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return fail("no " + type + " frame within " + WAIT);
    }

    /** The frame received next, or {@code null} when none comes within the duration. */
    public JsonNode poll(Duration duration) {
        try {
            return frames.poll(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Asserts that no frame of the type arrives for a while (others may). */
    public void expectNo(String type, Duration duration) {
        long deadline = System.nanoTime() + duration.toNanos();
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            JsonNode frame = poll(Duration.ofNanos(left));
            assertThat(frame == null ? null : frame.path("type").asString()).as("unexpected %s", frame).isNotEqualTo(type);
        }
    }

    /** When a frame taken from this client arrived (epoch millis). */
    public java.time.Instant receivedAt(JsonNode frame) {
        return java.time.Instant.ofEpochMilli(receivedAt.remove(frame));
    }

    /** Asserts that no frame arrives for a while. */
    public void expectSilence(Duration duration) {
        try {
            JsonNode frame = frames.poll(duration.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(frame).as("unexpected frame").isNull();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The close code the server sent. */
    public int awaitClose() {
        try {
            return closeCode.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            return fail("not closed within " + WAIT + ": " + e);
        }
    }

    public boolean isOpen() {
        return !closeCode.isDone() && !socket.isInputClosed();
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            JsonNode frame = JSON.readTree(partial.toString());
            if (!ignored.contains(frame.path("type").asString())) {
                receivedAt.put(frame, System.currentTimeMillis());
                frames.add(frame);
            }
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeCode.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closeCode.completeExceptionally(error);
    }

    /** Drops the connection without a close handshake, as a client that vanishes does. */
    public void abort() {
        socket.abort();
    }

    @Override
    public void close() {
        if (socket != null && !socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(2, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
    }
}
