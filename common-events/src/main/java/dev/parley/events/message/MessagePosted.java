package dev.parley.events.message;

import java.time.Instant;
import java.util.UUID;

/**
 * A message is durable in PostgreSQL with its room sequence number. {@code commandId} and
 * {@code origin} are additive fields that route the ack to the sending session.
 */
public record MessagePosted(UUID roomId, long seq, UUID messageId, UUID senderId, String clientMsgId,
                            String body, Instant createdAt, UUID commandId, Origin origin)
        implements MessageEvent {
}
