package dev.parley.events.message;

import java.time.Instant;
import java.util.UUID;

/** A member reacted to the message {@code seq} with {@code emoji} (contract §6); not published again for a repeat. */
public record ReactionAdded(UUID roomId, long seq, String emoji, UUID userId, Instant at) implements MessageEvent {
}
