package dev.parley.message.sending;

import java.util.UUID;

/** What makes a send unique, without a time window (contract §5.3): room, sender and clientMsgId. */
public record SendKey(UUID roomId, UUID senderId, String clientMsgId) {
}
