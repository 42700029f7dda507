package dev.parley.events.message;

import java.util.UUID;

public record DeleteMessage(UUID commandId, UUID roomId, UUID senderId, long seq, Origin origin)
        implements MessageCommand {
}
