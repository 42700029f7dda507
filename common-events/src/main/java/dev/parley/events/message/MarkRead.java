package dev.parley.events.message;

import java.util.UUID;

public record MarkRead(UUID commandId, UUID roomId, UUID userId, long seq, Origin origin)
        implements MessageCommand {
}
