package dev.parley.events.message;

import java.util.UUID;

public record EditMessage(UUID commandId, UUID roomId, UUID senderId, long seq, String body, Origin origin)
        implements MessageCommand {
}
