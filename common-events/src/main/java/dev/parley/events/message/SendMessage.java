package dev.parley.events.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A send, from a gateway or the HTTP API. {@code threadRoot} (the seq of a top-level message of the same
 * room) and {@code attachments} (ids of files the sender uploaded) are additive (contract §6): absent in a
 * plain send.
 */
public record SendMessage(UUID commandId, UUID roomId, UUID senderId, String clientMsgId, String body,
                          Instant sentAt, Origin origin,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Long threadRoot,
                          @JsonInclude(JsonInclude.Include.NON_EMPTY) List<UUID> attachments)
        implements MessageCommand {

    public SendMessage {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** A plain send: no thread, no attachments. */
    public SendMessage(UUID commandId, UUID roomId, UUID senderId, String clientMsgId, String body, Instant sentAt,
                       Origin origin) {
        this(commandId, roomId, senderId, clientMsgId, body, sentAt, origin, null, List.of());
    }
}
