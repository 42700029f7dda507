package dev.parley.gateway.ws.session;

import dev.parley.gateway.ws.metrics.GatewayMetrics;
import java.io.IOException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * One connection's outgoing frames. Any thread may {@link #offer} (a Kafka listener fanning out, the
 * connection's own thread answering); the socket is written by one thread of {@code writers} at a time,
 * so a client that stops reading blocks only that thread — never the caller. What waits is bounded in
 * bytes: an offer beyond the bound is refused and the owner closes the connection as a slow consumer.
 * A close queued with {@link #closeAfterPending} goes out after the frames queued before it.
 *
 * <p>Writes block (the container's asynchronous writes were tried and reverted: their completions need
 * the container's own threads, and when many clients closed at once every one of those threads waited,
 * in the close handshake, for a write only such a thread could finish — docs/adr/0010).
 */
final class Outbound {

    private static final Logger log = LoggerFactory.getLogger(Outbound.class);

    private final WebSocketSession socket;
    private final long maxBufferedBytes;
    private final GatewayMetrics metrics;
    private final Executor writers;
    private final ConcurrentLinkedQueue<Item> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong bufferedBytes = new AtomicLong();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicReference<CloseStatus> pendingClose = new AtomicReference<>();
    private volatile long writeStartedNanos;
    private volatile boolean finished;

    Outbound(WebSocketSession socket, long maxBufferedBytes, GatewayMetrics metrics, Executor writers) {
        this.socket = socket;
        this.maxBufferedBytes = maxBufferedBytes;
        this.metrics = metrics;
        this.writers = writers;
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
     * Drops what is queued and closes, off the calling thread. A write in progress is let finish
     * first — the container cannot put a close frame behind a frame it is still writing — so a client
     * that reads again gets the close frame; one that never does is cut off by the container's own
     * blocking-send timeout.
     */
    void abandon(CloseStatus status) {
        finished = true;
        queue.clear();
        bufferedBytes.set(0);
        pendingClose.compareAndSet(null, status);
        drainSoon(); // the drainer closes, after the write in progress if there is one
    }

    /** How long the write in progress has been blocked; 0 when none is. */
    long blockedNanos() {
        long started = writeStartedNanos;
        return started == 0 ? 0 : System.nanoTime() - started;
    }

    boolean isFinished() {
        return finished;
    }

    private void drainSoon() {
        if (draining.compareAndSet(false, true)) {
            writers.execute(this::drain);
        }
    }

    private void drain() {
        do {
            Item item;
            while (!finished && (item = queue.poll()) != null) {
                if (item.close() != null) {
                    finished = true;
                    queue.clear();
                    close(item.close());
                } else {
                    write(item);
                }
            }
            closePending();
            draining.set(false);
        } while ((pendingClose.get() != null || (!finished && !queue.isEmpty()))
                && draining.compareAndSet(false, true));
    }

    /** Runs while holding the right to write, so the close never overlaps a write. */
    private void closePending() {
        CloseStatus status = pendingClose.getAndSet(null);
        if (status != null) {
            close(status);
        }
    }

    private void write(Item item) {
        writeStartedNanos = System.nanoTime();
        try {
            socket.sendMessage(item.message());
            metrics.frameOut(item.type());
        } catch (IOException | RuntimeException e) {
            log.debug("Could not write to {}: {}", socket.getId(), e.toString());
            finished = true;
            queue.clear();
        } finally {
            writeStartedNanos = 0;
            bufferedBytes.addAndGet(-item.message().getPayloadLength());
        }
    }

    private void close(CloseStatus status) {
        try {
            socket.close(status);
        } catch (IOException | RuntimeException e) {
            log.debug("Could not close {}: {}", socket.getId(), e.toString());
        }
    }

    private record Item(WebSocketMessage<?> message, String type, CloseStatus close) {
    }
}
