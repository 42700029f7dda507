package dev.parley.gateway.ws.subscription;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.parley.events.message.Attachment;
import dev.parley.gateway.ws.protocol.ServerFrame;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A Message as message-service's history API returns it (contract §2, §6). What an older message-service
 * leaves out (§6's fields) reads as absent: no thread, no replies, nothing attached.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record HistoryMessage(UUID id, UUID roomId, long seq, UUID senderId, String clientMsgId, String body,
                      Instant createdAt, Instant editedAt, boolean deleted, Long threadRoot, Integer replyCount,
                      Instant lastReplyAt, List<ServerFrame.Reaction> reactions, List<UUID> mentions,
                      List<Attachment> attachments) {

    ServerFrame.MessagePush toPush() {
        return new ServerFrame.MessagePush(id, roomId, seq, senderId, clientMsgId, body, createdAt, editedAt, deleted,
                threadRoot, replyCount == null ? 0 : replyCount, lastReplyAt, reactions, mentions, attachments);
    }

    /** One page of {@code GET /api/rooms/{id}/messages}: ascending by seq. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Page(List<HistoryMessage> items, boolean hasMore) {

        static final Page EMPTY = new Page(List.of(), false);

        Page {
            items = items == null ? List.of() : items;
        }

        long lastSeq() {
            return items.isEmpty() ? 0 : items.getLast().seq();
        }
    }
}
