package dev.parley.events.message;

import java.time.Instant;
import java.util.UUID;

public record MessageDeleted(UUID roomId, long seq, UUID messageId, UUID deletedBy, Instant deletedAt)
        implements MessageEvent {
}
