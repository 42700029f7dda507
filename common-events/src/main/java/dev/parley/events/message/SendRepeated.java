package dev.parley.events.message;

import java.time.Instant;
import java.util.UUID;

/**
 * A send repeated one already stored — a client that did not see its ack sent the same {@code clientMsgId}
 * again: the answer to the repeat's {@code origin}, naming the stored message. It is no new message: the
 * message was posted once, with its {@code MessagePosted}, and consumers that follow messages ignore this.
 */
public record SendRepeated(UUID roomId, long seq, UUID messageId, UUID senderId, String clientMsgId,
                           Instant createdAt, UUID commandId, Origin origin) implements MessageEvent {
}
