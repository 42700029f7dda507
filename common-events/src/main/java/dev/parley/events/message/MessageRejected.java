package dev.parley.events.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.parley.events.ErrorCode;
import java.util.UUID;

/**
 * A command was refused; {@code reason} is a contract error code such as {@code not_member}.
 * {@code roomId} and {@code clientMsgId} are additive fields so the sender can match its request; {@code field}
 * (additive too) names the command's field a {@code validation_failed} or an unknown {@code threadRoot}
 * ({@code message_not_found}) is about — the refusing rule knows it, so every channel answers with the same one.
 */
public record MessageRejected(UUID commandId, UUID roomId, String clientMsgId, String reason, Origin origin,
                              @JsonInclude(JsonInclude.Include.NON_NULL) String field) implements MessageEvent {

    public MessageRejected(UUID commandId, UUID roomId, String clientMsgId, ErrorCode reason, Origin origin,
                           String field) {
        this(commandId, roomId, clientMsgId, reason.wireName(), origin, field);
    }

    /** A refusal that is about no one field (not a member, a deleted message …), or published before {@code field}. */
    public MessageRejected(UUID commandId, UUID roomId, String clientMsgId, String reason, Origin origin) {
        this(commandId, roomId, clientMsgId, reason, origin, null);
    }
}
