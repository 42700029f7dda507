package dev.parley.gateway.ws.session;

import dev.parley.gateway.ws.metrics.GatewayMetrics;
import dev.parley.gateway.ws.protocol.CloseStatus;
import dev.parley.gateway.ws.protocol.OutboundFrame;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundInvoker;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One connection's outgoing frames. Any thread may {@link #offer} (a Kafka listener fanning out, the
 * connection's own work answering); the frames are written on the connection's event loop, as many at a
 * time as the socket takes, with one flush for all of them. Nothing ever blocks: while the socket is not
 * writable (the client is not reading), frames wait here, bounded in bytes — an offer beyond the bound is
 * refused and the owner closes the connection as a slow consumer — and the time the socket has been
 * unwritable is what the watchdog's send time limit measures. A close queued with {@link #closeAfterPending}
 * goes out after the frames queued before it; one that {@link #abandon}s the client goes out at once, after
 * only the answers (acks, errors) queued before it. Work that would fill the buffer by itself (a resume's backlog)
 * offers a little at a time instead, going on {@link #whenQueuedAtMost when} the socket has taken what it offered.
 */
final class Outbound {

    private final Channel channel;
    private final long maxBufferedBytes;
    private final long closeGraceNanos;
    private final GatewayMetrics metrics;
    private final ConcurrentLinkedQueue<Item> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong bufferedBytes = new AtomicLong();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicReference<CloseStatus> abandoned = new AtomicReference<>();
    private final LoopDrains drains;
    private final AtomicReference<Waiter> waiter = new AtomicReference<>();
    private volatile long unwritableSinceNanos;
    private volatile boolean finished;
    private volatile boolean answersOnly;
    private volatile boolean cutAfterClose;
    private volatile CloseStatus sentClose;
    private ChannelOutboundInvoker frameWriter; // event loop only

    /** @param closeGrace how long a close frame may wait for a client that does not read before the socket is cut */
    Outbound(Channel channel, LoopDrains drains, long maxBufferedBytes, Duration closeGrace, GatewayMetrics metrics) {
        this.channel = channel;
        this.maxBufferedBytes = maxBufferedBytes;
        this.closeGraceNanos = closeGrace.toNanos();
        this.metrics = metrics;
        this.drains = drains;
        channel.closeFuture().addListener(closed -> releaseWaiter());
    }

    /**
     * Queues a frame; {@code false} when the buffer would overflow (nothing is queued then). Once
     * {@link #keepOnlyAnswers} was called a push is dropped here, as if sent.
     */
    boolean offer(OutboundFrame frame) {
        if (finished || (answersOnly && !isAnswer(frame))) {
            return true;
        }
        int size = frame.bytes();
        if (bufferedBytes.addAndGet(size) > maxBufferedBytes) {
            bufferedBytes.addAndGet(-size);
            return false;
        }
        queue.add(new Item(frame, null));
        drainSoon();
        return true;
    }

    void ping() {
        if (!finished) {
            queue.add(Item.PING);
            drainSoon();
        }
    }

    /** Closes once everything queued so far is written. */
    void closeAfterPending(CloseStatus status) {
        if (!finished) {
            queue.add(new Item(null, status));
            drainSoon();
        }
    }

    /**
     * For a slow consumer: drops the pushes queued here (and every later one), keeping the answers
     * ({@code ack}, {@code error}) — few, since a connection has a bounded number of sends pending.
     */
    void keepOnlyAnswers() {
        answersOnly = true;
        for (Item item : queue) {
            if (item.close() == null && (item.frame() == null || !isAnswer(item.frame())) && queue.remove(item)
                    && item.frame() != null) {
                bufferedBytes.addAndGet(-item.frame().bytes());
            }
        }
    }

    /**
     * Closes now, whether the client reads or not: the answers still queued here, then the close frame, are handed
     * to the socket at once (the pushes were dropped, see {@link #keepOnlyAnswers}). What the socket already took
     * goes out first (a close frame cannot overtake it), so a client that reads again gets the close frame; one
     * that never does is cut off after the close grace.
     */
    void abandon(CloseStatus status) {
        keepOnlyAnswers();
        finished = true;
        abandoned.compareAndSet(null, status);
        releaseWaiter();
        drainSoon();
    }

    /**
     * For a client found gone: as {@link #abandon}, and the socket is closed as soon as the close frame is handed
     * to it, without the close grace — nobody is there to answer the close, and the connection still counts
     * against its user's limit until it ends.
     */
    void cut(CloseStatus status) {
        cutAfterClose = true;
        abandon(status);
    }

    /** Bytes of frames queued here that the socket has not taken yet. */
    long queuedBytes() {
        return bufferedBytes.get();
    }

    /**
     * Completes once at most {@code bytes} of frames wait here — or once nothing will be written any more (the
     * connection is closing or gone), so that whoever waits never waits for a client that left. One waiter at a time:
     * the connection's own work.
     */
    CompletionStage<Void> whenQueuedAtMost(long bytes) {
        Waiter next = new Waiter(bytes, new CompletableFuture<>());
        Waiter previous = waiter.getAndSet(next);
        if (previous != null) {
            previous.done().complete(null);
        }
        releaseWaiter(); // the queue may have drained, or the connection ended, before it was set
        return next.done();
    }

    /** Every frame queued so far went to a socket that takes more: nothing of it waits behind a client not reading. */
    boolean wroteEverything() {
        return queue.isEmpty() && unwritableSinceNanos == 0;
    }

    /** How long the socket has refused more bytes while frames wait; 0 when it takes them. */
    long blockedNanos() {
        long since = unwritableSinceNanos;
        return since == 0 ? 0 : System.nanoTime() - since;
    }

    boolean isFinished() {
        return finished;
    }

    /** The close frame this side sent, or {@code null}. */
    CloseStatus sentClose() {
        return sentClose;
    }

    /** On the event loop, when the socket's writability changed. */
    void writabilityChanged() {
        if (channel.isWritable()) {
            unwritableSinceNanos = 0;
            drain();
        } else if (unwritableSinceNanos == 0) {
            unwritableSinceNanos = System.nanoTime();
        }
    }

    private void drainSoon() {
        if (scheduled.compareAndSet(false, true)) {
            drains.schedule(this);
        }
    }

    /** On the event loop only. */
    void drain() {
        scheduled.set(false);
        CloseStatus cut = abandoned.getAndSet(null);
        if (cut != null) {
            Item item;
            while ((item = queue.poll()) != null) {
                if (item.frame() != null && isAnswer(item.frame())) {
                    frameWriter().write(item.frame().wire(), channel.voidPromise());
                    metrics.frameOut(item.frame().type());
                }
            }
            bufferedBytes.set(0);
            sendClose(cut);
            if (cutAfterClose) {
                channel.close();
            }
            releaseWaiter();
            return;
        }
        int wrote = 0;
        Item item;
        while (!finished && channel.isWritable() && (item = queue.poll()) != null) {
            if (item.close() != null) {
                finished = true;
                queue.clear();
                bufferedBytes.set(0);
                if (wrote > 0) {
                    channel.flush();
                }
                sendClose(item.close());
                releaseWaiter();
                return;
            }
            wrote++;
            if (item == Item.PING) {
                channel.write(new PingWebSocketFrame(), channel.voidPromise());
                metrics.frameOut("ws_ping");
            } else {
                frameWriter().write(item.frame().wire(), channel.voidPromise());
                bufferedBytes.addAndGet(-item.frame().bytes());
                metrics.frameOut(item.frame().type());
            }
        }
        if (wrote > 0) {
            frameWriter().flush();
        }
        if (!channel.isWritable() && !queue.isEmpty() && unwritableSinceNanos == 0) {
            unwritableSinceNanos = System.nanoTime();
        }
        releaseWaiter();
    }

    private void releaseWaiter() {
        Waiter current = waiter.get();
        if (current != null && (bufferedBytes.get() <= current.bytes() || finished || !channel.isActive())
                && waiter.compareAndSet(current, null)) {
            current.done().complete(null);
        }
    }

    /**
     * Where a pushed frame enters the pipeline: below the WebSocket frame encoder, since its bytes are already a whole
     * frame, so a write passes only the handlers between the encoder and the socket instead of every one of them
     * (20,000 writes a second at W1). The channel itself where the connection has no encoder (yet).
     */
    private ChannelOutboundInvoker frameWriter() {
        if (frameWriter == null) {
            ChannelHandlerContext encoder = channel.pipeline().context(WebSocketFrameEncoder.class);
            frameWriter = encoder != null ? encoder : channel;
        }
        return frameWriter;
    }

    /** Sends the close frame after what the socket holds, then ends the connection; once only. */
    private void sendClose(CloseStatus status) {
        finished = true;
        if (sentClose != null || !channel.isActive()) {
            return;
        }
        sentClose = status;
        // After the close frame, only our side is shut: bytes the client still sends are read and dropped until
        // it closes too (or the grace ends). Closing at once would reset a connection with unread bytes, and a
        // reset can overtake the close frame on its way to the client.
        channel.writeAndFlush(new CloseWebSocketFrame(status.code(), status.reason())).addListener(written -> {
            if (written.isSuccess() && channel instanceof DuplexChannel duplex) {
                duplex.shutdownOutput();
            } else {
                channel.close();
            }
        });
        // a client that closes in time ends the connection first: its grace timer goes with it
        var grace = channel.eventLoop().schedule(() -> channel.close(), closeGraceNanos, TimeUnit.NANOSECONDS);
        channel.closeFuture().addListener(closed -> grace.cancel(false));
    }

    /** What answers a client's frame and must reach it before a close; a push can be replayed from its seq. */
    private static boolean isAnswer(OutboundFrame frame) {
        return frame.type().equals("ack") || frame.type().equals("error");
    }

    private record Waiter(long bytes, CompletableFuture<Void> done) {
    }

    private record Item(OutboundFrame frame, CloseStatus close) {
        static final Item PING = new Item(null, null);
    }
}
