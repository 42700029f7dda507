package dev.parley.gateway.ws.session;

import dev.parley.gateway.ws.metrics.GatewayMetrics;
import java.io.IOException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.WebSocketMessage;

/**
 * One connection's outgoing frames. Any thread may {@link #offer} (a Kafka listener fanning out, the
 * connection's own thread answering); frames are written one at a time, in order, through the
 * {@link FrameSink}'s non-blocking writes: the offering thread starts a write and moves on, and the
 * write's completion starts the next. A client that stops reading holds no thread, only its queued
 * bytes, which are bounded: an offer beyond the bound is refused and the owner closes the connection
 * as a slow consumer. Pings and the close frame can only be written blocking; they are handed to
 * {@code blockingWrites}, a small pool of platform threads, never written on the offering thread.
 * A close queued with {@link #closeAfterPending} goes out after the frames queued before it.
 */
final class Outbound {

    private static final Logger log = LoggerFactory.getLogger(Outbound.class);

    private final FrameSink sink;
    private final long maxBufferedBytes;
    private final GatewayMetrics metrics;
    private final Executor blockingWrites;
    private final ConcurrentLinkedQueue<Item> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong bufferedBytes = new AtomicLong();
    /** The right to write: held from taking an item until the queue is found empty. */
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicReference<CloseStatus> pendingClose = new AtomicReference<>();
    private volatile long writeStartedNanos;
    private volatile boolean finished;

    Outbound(FrameSink sink, long maxBufferedBytes, GatewayMetrics metrics, Executor blockingWrites) {
        this.sink = sink;
        this.maxBufferedBytes = maxBufferedBytes;
        this.metrics = metrics;
        this.blockingWrites = blockingWrites;
    }

    /** Queues a frame; {@code false} when the buffer would overflow (nothing is queued then). */
    boolean offer(WebSocketMessage<?> message, String type) {
        if (finished) {
            return true;
        }
        int size = message.getPayloadLength();
        if (bufferedBytes.addAndGet(size) > maxBufferedBytes) {
            bufferedBytes.addAndGet(-size);
            return false;
        }
        queue.add(new Item(message, type, null));
        drainSoon();
        return true;
    }

    /** Closes once everything queued so far is written. */
    void closeAfterPending(CloseStatus status) {
        if (!finished) {
            queue.add(new Item(null, null, status));
            drainSoon();
        }
    }

    /**
     * Drops what is queued and closes. A write in progress is let finish first — the container cannot
     * put a close frame behind a frame it is still writing — so a client that reads again gets the
     * close frame; one that never does is cut off when the write's send time limit runs out.
     */
    void abandon(CloseStatus status) {
        finished = true;
        queue.clear();
        bufferedBytes.set(0);
        pendingClose.compareAndSet(null, status);
        drainSoon(); // closes now, or after the write in progress if there is one
    }

    /** How long the write in progress has been waiting for the client; 0 when none is. */
    long blockedNanos() {
        long started = writeStartedNanos;
        return started == 0 ? 0 : System.nanoTime() - started;
    }

    boolean isFinished() {
        return finished;
    }

    private void drainSoon() {
        if (draining.compareAndSet(false, true)) {
            pump();
        }
    }

    /**
     * Runs while holding the right to write. Returns when the queue is empty (the right released), or
     * when a write is under way or a blocking write was handed over (whoever finishes it pumps on).
     */
    private void pump() {
        while (true) {
            if (pendingClose.get() != null) {
                blockingWrites.execute(() -> {
                    closeQuietly(pendingClose.getAndSet(null));
                    pump();
                });
                return;
            }
            Item item = finished ? null : queue.poll();
            if (item == null) {
                draining.set(false);
                boolean more = pendingClose.get() != null || (!finished && !queue.isEmpty());
                if (more && draining.compareAndSet(false, true)) {
                    continue;
                }
                return;
            }
            if (item.close() != null || item.message() instanceof PingMessage) {
                blockingWrites.execute(() -> {
                    writeBlocking(item);
                    pump();
                });
                return;
            }
            Completion completion = new Completion(item);
            writeStartedNanos = System.nanoTime();
            sink.write(item.message(), completion);
            if (!completion.completedAlready()) {
                return;
            }
        }
    }

    private void writeBlocking(Item item) {
        if (item.close() != null) {
            finished = true;
            queue.clear();
            closeQuietly(item.close());
            return;
        }
        writeStartedNanos = System.nanoTime();
        Throwable failure = null;
        try {
            sink.writeControl(item.message());
        } catch (IOException | RuntimeException e) {
            failure = e;
        }
        written(item, failure);
    }

    private void written(Item item, Throwable failure) {
        writeStartedNanos = 0;
        bufferedBytes.addAndGet(-item.message().getPayloadLength());
        if (failure == null) {
            metrics.frameOut(item.type());
        } else {
            log.debug("Could not write to {}: {}", sink.id(), failure.toString());
            finished = true;
            queue.clear();
        }
    }

    private void closeQuietly(CloseStatus status) {
        if (status == null) {
            return;
        }
        try {
            sink.close(status);
        } catch (IOException | RuntimeException e) {
            log.debug("Could not close {}: {}", sink.id(), e.toString());
        }
    }

    /**
     * The end of one non-blocking write. When it completes before {@link FrameSink#write} returns, the
     * pumping thread goes on with the next frame (no recursion); otherwise the completing thread does.
     */
    private final class Completion implements Consumer<Throwable> {

        private static final int RUNNING = 0;
        private static final int COMPLETED_INLINE = 1;
        private static final int WRITER_LEFT = 2;

        private final Item item;
        private final AtomicInteger state = new AtomicInteger(RUNNING);

        Completion(Item item) {
            this.item = item;
        }

        @Override
        public void accept(Throwable failure) {
            written(item, failure);
            if (!state.compareAndSet(RUNNING, COMPLETED_INLINE)) {
                pump();
            }
        }

        boolean completedAlready() {
            return !state.compareAndSet(RUNNING, WRITER_LEFT);
        }
    }

    private record Item(WebSocketMessage<?> message, String type, CloseStatus close) {
    }
}
