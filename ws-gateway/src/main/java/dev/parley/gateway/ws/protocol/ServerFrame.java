package dev.parley.gateway.ws.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.parley.events.ErrorCode;
import dev.parley.events.message.Attachment;
import dev.parley.events.message.MessageDeleted;
import dev.parley.events.message.MessageEdited;
import dev.parley.events.message.MessagePosted;
import dev.parley.events.message.MessageRejected;
import dev.parley.events.message.ReactionAdded;
import dev.parley.events.message.ReactionRemoved;
import dev.parley.events.message.ReadMarkerMoved;
import dev.parley.events.message.SendRepeated;
import dev.parley.events.message.ThreadUpdated;
import dev.parley.events.room.MemberJoined;
import dev.parley.events.room.MemberLeft;
import dev.parley.events.room.RoomUpdated;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A frame the server sends (contract §3). The {@code type} property comes from the record's
 * {@link JsonTypeName}; absent optional fields are left out rather than written as {@code null}.
 * {@code id} echoes the id of the client frame being answered; pushes answer no frame.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface ServerFrame {

    // ---- answers ----

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

    @JsonTypeName("ack")
    record Ack(UUID roomId, String clientMsgId, long seq, UUID messageId, Instant createdAt, JsonNode id)
            implements ServerFrame {

        public static Ack of(MessagePosted posted, JsonNode id) {
            return new Ack(posted.roomId(), posted.clientMsgId(), posted.seq(), posted.messageId(),
                    posted.createdAt(), id);
        }

        public static Ack of(SendRepeated repeated, JsonNode id) {
            return new Ack(repeated.roomId(), repeated.clientMsgId(), repeated.seq(), repeated.messageId(),
                    repeated.createdAt(), id);
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

        /**
         * A command message-service refused, relayed to the session it came from. Only {@code send} and
         * {@code read} come from a session, and only a send's rejection names a {@code clientMsgId}. The
         * field is the one the refusing rule named (a reply to a reply: {@code threadRoot}; attachments that
         * cannot be claimed: {@code attachments}), the same as the HTTP answer to the same refusal.
         */
        public static Error ofRejection(MessageRejected rejected, JsonNode id) {
            ErrorCode code = ErrorCode.ofWireName(rejected.reason()).map(Error::asFrameCode).orElse(ErrorCode.INTERNAL);
            return new Error(code.wireName(), "command rejected: " + rejected.reason(), rejected.field(), null, id);
        }

        /** An HTTP-only refusal as a frame says it: an unknown message is a field's fault (contract §6). */
        private static ErrorCode asFrameCode(ErrorCode code) {
            if (code.inErrorFrames()) {
                return code;
            }
            return code == ErrorCode.MESSAGE_NOT_FOUND ? ErrorCode.VALIDATION_FAILED : ErrorCode.INTERNAL;
        }

        public static Error rateLimited(long retryAfterMs, JsonNode id) {
            return new Error(ErrorCode.RATE_LIMITED.wireName(), "too many requests, retry later", null,
                    Math.max(1, retryAfterMs), id);
        }
    }

    // ---- pushes ----

    /**
     * A message of the room; {@code id} here is the message id. {@code threadRoot} and {@code lastReplyAt}
     * are left out when they do not apply; {@code replyCount} (0 but on a thread root), {@code reactions},
     * {@code mentions} and {@code attachments} are always there (contract §6).
     */
    @JsonTypeName("message")
    record MessagePush(UUID id, UUID roomId, long seq, UUID senderId, String clientMsgId, String body,
                       Instant createdAt, Instant editedAt, boolean deleted, Long threadRoot,
                       int replyCount, Instant lastReplyAt,
                       List<Reaction> reactions, List<UUID> mentions, List<Attachment> attachments)
            implements ServerFrame {

        public MessagePush {
            reactions = reactions == null ? List.of() : reactions;
            mentions = mentions == null ? List.of() : mentions;
            attachments = attachments == null ? List.of() : attachments;
        }

        public static MessagePush of(MessagePosted posted) {
            return new MessagePush(posted.messageId(), posted.roomId(), posted.seq(), posted.senderId(),
                    posted.clientMsgId(), posted.body(), posted.createdAt(), null, false, posted.threadRoot(), 0, null,
                    List.of(), posted.mentions(), posted.attachments());
        }
    }

    /** One emoji on a message: how many reacted with it, and whether the reader did. */
    record Reaction(String emoji, int count, boolean me) {
    }

    /** A thread root's new reply count and last reply (contract §6). */
    @JsonTypeName("thread_updated")
    record ThreadUpdatedPush(UUID roomId, long seq, int replyCount, Instant lastReplyAt) implements ServerFrame {

        public static ThreadUpdatedPush of(ThreadUpdated updated) {
            return new ThreadUpdatedPush(updated.roomId(), updated.seq(), updated.replyCount(), updated.lastReplyAt());
        }
    }

    /** {@code op} is {@code added} or {@code removed}. */
    @JsonTypeName("reaction")
    record ReactionPush(UUID roomId, long seq, String emoji, UUID userId, String op) implements ServerFrame {

        public static ReactionPush of(ReactionAdded added) {
            return new ReactionPush(added.roomId(), added.seq(), added.emoji(), added.userId(), "added");
        }

        public static ReactionPush of(ReactionRemoved removed) {
            return new ReactionPush(removed.roomId(), removed.seq(), removed.emoji(), removed.userId(), "removed");
        }
    }

    /** To every connection of a mentioned user, subscribed to the room or not (contract §6). */
    @JsonTypeName("mention")
    record MentionPush(UUID roomId, long seq, UUID messageId, UUID senderId) implements ServerFrame {

        public static MentionPush of(MessagePosted posted) {
            return new MentionPush(posted.roomId(), posted.seq(), posted.messageId(), posted.senderId());
        }
    }

    @JsonTypeName("message_edited")
    record MessageEditedPush(UUID roomId, long seq, UUID messageId, String body, Instant editedAt)
            implements ServerFrame {

        public static MessageEditedPush of(MessageEdited edited) {
            return new MessageEditedPush(edited.roomId(), edited.seq(), edited.messageId(), edited.body(),
                    edited.editedAt());
        }
    }

    @JsonTypeName("message_deleted")
    record MessageDeletedPush(UUID roomId, long seq, UUID messageId) implements ServerFrame {

        public static MessageDeletedPush of(MessageDeleted deleted) {
            return new MessageDeletedPush(deleted.roomId(), deleted.seq(), deleted.messageId());
        }
    }

    /** {@code status} is {@code online} or {@code offline}. */
    @JsonTypeName("presence")
    record PresencePush(UUID roomId, UUID userId, String status) implements ServerFrame {
    }

    @JsonTypeName("member_joined")
    record MemberJoinedPush(UUID roomId, UUID userId, String role) implements ServerFrame {

        public static MemberJoinedPush of(MemberJoined joined) {
            return new MemberJoinedPush(joined.roomId(), joined.userId(), joined.role());
        }
    }

    /** {@code reason} is {@code left}, {@code kicked} or {@code banned}. */
    @JsonTypeName("member_left")
    record MemberLeftPush(UUID roomId, UUID userId, String reason) implements ServerFrame {

        public static MemberLeftPush of(MemberLeft left) {
            return new MemberLeftPush(left.roomId(), left.userId(), left.reason());
        }
    }

    @JsonTypeName("room_updated")
    record RoomUpdatedPush(UUID roomId, RoomState room) implements ServerFrame {

        public static RoomUpdatedPush of(RoomUpdated updated) {
            return new RoomUpdatedPush(updated.roomId(), new RoomState(updated.roomId(), updated.kind(),
                    updated.name(), updated.topic(), updated.visibility(), updated.ownerId(), updated.memberCount(),
                    updated.createdAt(), updated.updatedAt()));
        }
    }

    /**
     * The whole Room (contract §2) after a change, without the per-viewer {@code myRole}. A cleared
     * {@code topic} is written as {@code null}, not left out. {@code memberCount} is the count at the
     * change (joins and leaves come as their own pushes). A RoomUpdated published before the event
     * carried the whole room has only name, topic and visibility: the rest is then left out.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RoomState(UUID id, String kind, String name, @JsonInclude(JsonInclude.Include.ALWAYS) String topic,
                     String visibility, UUID ownerId, Integer memberCount, Instant createdAt, Instant updatedAt) {
    }

    @JsonTypeName("room_deleted")
    record RoomDeletedPush(UUID roomId) implements ServerFrame {
    }

    @JsonTypeName("read")
    record ReadPush(UUID roomId, UUID userId, long seq) implements ServerFrame {

        public static ReadPush of(ReadMarkerMoved moved) {
            return new ReadPush(moved.roomId(), moved.userId(), moved.seq());
        }
    }

    @JsonTypeName("typing")
    record TypingPush(UUID roomId, UUID userId) implements ServerFrame {
    }
}
