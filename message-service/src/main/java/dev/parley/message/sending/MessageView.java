package dev.parley.message.sending;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.parley.events.message.Attachment;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A message as the contract shows it (§2, §6); a deleted one is a tombstone with an empty body. A reply
 * names its {@code threadRoot}; a root counts its replies ({@code replyCount}, 0 on any other message). {@code reactions} are as one reader sees them
 * ({@code me}); stored and cached with {@code me} false (see {@link ReaderReactions}).
 */
public record MessageView(UUID id, UUID roomId, long seq, UUID senderId, String clientMsgId, String body,
                          Instant createdAt, @JsonInclude(JsonInclude.Include.NON_NULL) Instant editedAt,
                          boolean deleted, @JsonInclude(JsonInclude.Include.NON_NULL) Long threadRoot,
                          int replyCount,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Instant lastReplyAt,
                          List<Reaction> reactions, List<UUID> mentions, List<Attachment> attachments) {

    public MessageView {
        reactions = reactions == null ? List.of() : List.copyOf(reactions);
        mentions = mentions == null ? List.of() : List.copyOf(mentions);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** One emoji on a message: how many reacted with it, and whether the reader did. */
    public record Reaction(String emoji, int count, boolean me) {
    }

    public MessageView withReactions(List<Reaction> seen) {
        return new MessageView(id, roomId, seq, senderId, clientMsgId, body, createdAt, editedAt, deleted, threadRoot,
                replyCount, lastReplyAt, seen, mentions, attachments);
    }
}
