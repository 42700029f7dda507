package dev.parley.message.sending;

import dev.parley.events.message.MessagePosted;
import dev.parley.events.message.SendMessage;
import java.time.Instant;
import java.util.UUID;

/** A message as persisted by a send. */
record StoredMessage(UUID id, UUID roomId, long seq, UUID senderId, String clientMsgId, String body,
                     Instant createdAt) {

    /** The event answering {@code command}: this message's seq and id, the command's id and origin. */
    MessagePosted postedFor(SendMessage command) {
        return new MessagePosted(roomId, seq, id, senderId, clientMsgId, body, createdAt, command.commandId(),
                command.origin());
    }
}
