package dev.parley.events.message;

import java.time.Instant;
import java.util.UUID;

/** A member took their reaction back (contract §6); not published for a reaction that was not there. */
public record ReactionRemoved(UUID roomId, long seq, String emoji, UUID userId, Instant at) implements MessageEvent {
}
