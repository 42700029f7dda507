package dev.parley.gateway.ws.session;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * The {@code send} frames of one session still waiting for their ack or error: the frame's
 * {@code id} to echo, and when it came (for the send → ack latency). Bounded: a client that never
 * waits for its acks loses the id echo of the oldest surplus, nothing else.
 */
public final class PendingSends {

    private static final int MAX_PENDING = 1000;

    private final Map<Key, Pending> pending = new ConcurrentHashMap<>();

    /** A send waiting for its answer; {@code id} is {@code null} when the frame carried none. */
    public record Pending(JsonNode id, long receivedNanos) {
    }

    private record Key(UUID roomId, String clientMsgId) {
    }

    void remember(UUID roomId, String clientMsgId, JsonNode frameId, long nowNanos) {
        if (pending.size() < MAX_PENDING) {
            pending.put(new Key(roomId, clientMsgId), new Pending(frameId, nowNanos));
        }
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    /** The pending send answered now, or {@code null} (another session's, or one never remembered). */
    Pending take(UUID roomId, String clientMsgId) {
        return roomId == null || clientMsgId == null ? null : pending.remove(new Key(roomId, clientMsgId));
    }
}
