package dev.parley.events.message;

import java.time.Instant;
import java.util.UUID;

public record MessageEdited(UUID roomId, long seq, UUID messageId, UUID senderId, String body, Instant editedAt)
        implements MessageEvent {
}
