package dev.parley.events.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A message is durable in PostgreSQL with its room sequence number. {@code commandId} and
 * {@code origin} are additive fields that route the ack to the sending session; {@code threadRoot},
 * {@code mentions} (user ids, in order of first appearance) and {@code attachments} are contract §6's.
 */
public record MessagePosted(UUID roomId, long seq, UUID messageId, UUID senderId, String clientMsgId,
                            String body, Instant createdAt, UUID commandId, Origin origin,
                            @JsonInclude(JsonInclude.Include.NON_NULL) Long threadRoot,
                            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<UUID> mentions,
                            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Attachment> attachments)
        implements MessageEvent {

    public MessagePosted {
        mentions = mentions == null ? List.of() : List.copyOf(mentions);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** A plain message: not in a thread, mentioning nobody, nothing attached. */
    public MessagePosted(UUID roomId, long seq, UUID messageId, UUID senderId, String clientMsgId, String body,
                         Instant createdAt, UUID commandId, Origin origin) {
        this(roomId, seq, messageId, senderId, clientMsgId, body, createdAt, commandId, origin, null, List.of(),
                List.of());
    }
}
