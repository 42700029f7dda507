package dev.parley.events.message;

import dev.parley.events.ErrorCode;
import java.util.UUID;

/**
 * A command was refused; {@code reason} is a contract error code such as {@code not_member}.
 * {@code roomId} and {@code clientMsgId} are additive fields so the sender can match its request.
 */
public record MessageRejected(UUID commandId, UUID roomId, String clientMsgId, String reason, Origin origin)
        implements MessageEvent {

    public MessageRejected(UUID commandId, UUID roomId, String clientMsgId, ErrorCode reason, Origin origin) {
        this(commandId, roomId, clientMsgId, reason.wireName(), origin);
    }
}
