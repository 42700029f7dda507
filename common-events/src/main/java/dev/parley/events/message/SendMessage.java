package dev.parley.events.message;

import java.time.Instant;
import java.util.UUID;

public record SendMessage(UUID commandId, UUID roomId, UUID senderId, String clientMsgId, String body,
                          Instant sentAt, Origin origin) implements MessageCommand {
}
