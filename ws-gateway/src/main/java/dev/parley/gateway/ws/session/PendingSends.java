package dev.parley.gateway.ws.session;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * The {@code send} frames of one session still waiting for their ack or error: the frame's
 * {@code id} to echo, and when it came (for the send → ack latency). A {@code clientMsgId} resent while
 * its first send is pending is a second frame owed a second answer: the frames of one
 * {@code (roomId, clientMsgId)} wait in order, and each answer takes the oldest (message-service answers
 * a room's commands in the order they came). Bounded: a client that never waits for its acks loses the
 * id echo of the surplus, nothing else.
 */
public final class PendingSends {

    private static final int MAX_PENDING = 1000;

    private final Map<Key, Deque<Pending>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();

    /** A send waiting for its answer; {@code id} is {@code null} when the frame carried none. */
    public record Pending(JsonNode id, long receivedNanos) {
    }

    private record Key(UUID roomId, String clientMsgId) {
    }

    /** @return the entry, to {@link #forget} if the send is answered here; {@code null} beyond the bound */
    Pending remember(UUID roomId, String clientMsgId, JsonNode frameId, long nowNanos) {
        if (count.incrementAndGet() > MAX_PENDING) {
            count.decrementAndGet();
            return null;
        }
        Pending entry = new Pending(frameId, nowNanos);
        pending.compute(new Key(roomId, clientMsgId), (key, frames) -> {
            Deque<Pending> waiting = frames == null ? new ArrayDeque<>(1) : frames;
            waiting.addLast(entry);
            return waiting;
        });
        return entry;
    }

    boolean isEmpty() {
        return count.get() == 0;
    }

    /** The oldest pending send answered now, or {@code null} (another session's, or one never remembered). */
    Pending take(UUID roomId, String clientMsgId) {
        if (roomId == null || clientMsgId == null) {
            return null;
        }
        Pending[] taken = new Pending[1];
        pending.computeIfPresent(new Key(roomId, clientMsgId), (key, frames) -> {
            taken[0] = frames.pollFirst();
            return frames.isEmpty() ? null : frames;
        });
        if (taken[0] != null) {
            count.decrementAndGet();
        }
        return taken[0];
    }

    /** That very send is answered by the gateway itself (its command could not be published). */
    void forget(UUID roomId, String clientMsgId, Pending entry) {
        if (entry == null) {
            return;
        }
        boolean[] removed = new boolean[1];
        pending.computeIfPresent(new Key(roomId, clientMsgId), (key, frames) -> {
            removed[0] = frames.removeIf(frame -> frame == entry);
            return frames.isEmpty() ? null : frames;
        });
        if (removed[0]) {
            count.decrementAndGet();
        }
    }
}
