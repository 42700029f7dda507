package dev.parley.events.signal;

import java.time.Instant;
import java.util.UUID;

/** {@code sessionId} lets the gateway skip the connection that typed (no echo). */
public record Typing(UUID roomId, UUID userId, String gatewayId, String sessionId, Instant at)
        implements SignalEvent {
}
