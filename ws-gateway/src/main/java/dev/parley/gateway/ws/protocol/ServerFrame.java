package dev.parley.gateway.ws.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.parley.events.message.MessagePosted;
import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A frame the server sends (contract §3). The {@code type} property comes from the record's
 * {@link JsonTypeName}; absent optional fields are left out rather than written as {@code null}.
 * {@code id} echoes the id of the client frame being answered.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface ServerFrame {

    @JsonTypeName("ready")
    record Ready(String sessionId, UUID userId, long heartbeatMs, JsonNode id) implements ServerFrame {
    }

    @JsonTypeName("pong")
    record Pong(JsonNode id) implements ServerFrame {
    }

    @JsonTypeName("subscribed")
    record Subscribed(UUID roomId, long headSeq, boolean recovered, JsonNode id) implements ServerFrame {
    }

    @JsonTypeName("unsubscribed")
    record Unsubscribed(UUID roomId, JsonNode id) implements ServerFrame {
    }

    /** A message of the room; {@code id} here is the message id (pushes answer no client frame). */
    @JsonTypeName("message")
    record MessagePush(UUID id, UUID roomId, long seq, UUID senderId, String clientMsgId, String body,
                       Instant createdAt, Instant editedAt, boolean deleted) implements ServerFrame {

        public static MessagePush of(MessagePosted posted) {
            return new MessagePush(posted.messageId(), posted.roomId(), posted.seq(), posted.senderId(),
                    posted.clientMsgId(), posted.body(), posted.createdAt(), null, false);
        }
    }

    @JsonTypeName("ack")
    record Ack(UUID roomId, String clientMsgId, long seq, UUID messageId, Instant createdAt, JsonNode id)
            implements ServerFrame {

        public static Ack of(MessagePosted posted, JsonNode id) {
            return new Ack(posted.roomId(), posted.clientMsgId(), posted.seq(), posted.messageId(),
                    posted.createdAt(), id);
        }
    }

    /** {@code code} is an {@link ErrorCode} or a rejection reason relayed from message-service. */
    @JsonTypeName("error")
    record Error(String code, String message, String field, Long retryAfterMs, JsonNode id) implements ServerFrame {

        public static Error of(ErrorCode code, String message, JsonNode id) {
            return new Error(code.wireName(), message, null, null, id);
        }

        public static Error invalidField(String field, String message, JsonNode id) {
            return new Error(ErrorCode.VALIDATION_FAILED.wireName(), message, field, null, id);
        }
    }
}
