package dev.parley.bench.ws;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One client WebSocket: opened with a bearer token in the upgrade request, ready once the server's
 * {@code ready} frame arrived. Frames can be sent from any thread; what arrives goes to its
 * {@link FrameListener} on the connection's event-loop thread.
 */
public final class WsConnection {

    private final int index;
    private volatile Channel channel;
    private final CompletableFuture<Frame> ready = new CompletableFuture<>();
    private volatile FrameListener listener;
    private volatile Object attachment;
    private volatile int closeCode;
    private volatile String closeReason;
    private volatile boolean closedByUs;
    private final long openedNanos = System.nanoTime();
    private volatile boolean upgraded;

    WsConnection(int index, FrameListener listener) {
        this.index = index;
        this.listener = listener;
    }

    /** The server answered the upgrade 101: from here it speaks WebSocket. */
    void upgraded() {
        upgraded = true;
    }

    /**
     * How far the connection got and how long it had been open, for a failure before {@code ready}: a close before
     * the upgrade's answer and one after it point at different parts of the platform.
     */
    String stage() {
        return (upgraded ? "after the upgrade's 101, " : "before the upgrade's answer, ")
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - openedNanos) + " ms after the connect";
    }

    void channel(Channel channel) {
        this.channel = channel;
    }

    Channel channel() {
        return channel;
    }

    public int index() {
        return index;
    }

    /** The server's {@code ready} frame (sessionId, userId, heartbeatMs), or why there is none. */
    public CompletableFuture<Frame> ready() {
        return ready;
    }

    /**
     * Whether the upgrade was answered 503: the edge could not hand the connection to a ws-gateway in time, or a
     * ws-gateway was full (ADR 0023), and a client opens it again later ({@link ClientRetries}).
     */
    public boolean upgradeRefusedForNow() {
        return ready.isCompletedExceptionally()
                && ready.exceptionNow() instanceof WebSocketClientHandshakeException refused
                && refused.response() != null
                && refused.response().status().code() == HttpResponseStatus.SERVICE_UNAVAILABLE.code();
    }

    public void listener(FrameListener listener) {
        this.listener = listener;
    }

    FrameListener listener() {
        return listener;
    }

    /** Whatever the workload keeps with this connection. */
    @SuppressWarnings("unchecked")
    public <T> T attachment() {
        return (T) attachment;
    }

    public void attach(Object attachment) {
        this.attachment = attachment;
    }

    public void send(String json) {
        channel.writeAndFlush(new TextWebSocketFrame(json), channel.voidPromise());
    }

    public void sendBinary(byte[] data) {
        channel.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(data)), channel.voidPromise());
    }

    /**
     * Stops reading the socket: what the server writes waits in this side's receive buffer, then in the server's
     * send buffer and queue, as with a client that has stopped reading (a hostile one, or one frozen in the background).
     */
    public void stopReading() {
        channel.eventLoop().execute(() -> channel.config().setAutoRead(false));
    }

    /** Reads again after {@link #stopReading()}: whatever was held arrives, a close frame or the socket's end included. */
    public void resumeReading() {
        channel.eventLoop().execute(() -> {
            channel.config().setAutoRead(true);
            channel.read();
        });
    }

    public boolean isOpen() {
        return channel.isActive();
    }

    /**
     * The server's close code (1005 for a close frame without one), 0 while open or when we closed it, -1 when
     * it ended without a close frame.
     */
    public int closeCode() {
        return closeCode;
    }

    public String closeReason() {
        return closeReason;
    }

    public boolean closedByUs() {
        return closedByUs;
    }

    /** A normal close: the close frame, then the socket once it is written (or after 2 s). */
    public void close() {
        closedByUs = true;
        if (channel.isActive()) {
            channel.writeAndFlush(new CloseWebSocketFrame(1000, "bench done"))
                    .addListener(written -> channel.close());
            channel.eventLoop().schedule(() -> channel.close(), 2, TimeUnit.SECONDS);
        }
    }

    public CompletableFuture<Void> closed() {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        channel.closeFuture().addListener(done -> closed.complete(null));
        return closed;
    }

    void serverClosed(int code, String reason) {
        if (closeCode == 0) {
            closeCode = code;
            closeReason = reason;
        }
    }
}
