package dev.parley.message.sending;

import dev.parley.events.message.MessageRejected;
import dev.parley.events.message.SendMessage;
import dev.parley.message.events.EventPublisher;
import dev.parley.message.rooms.RoomAccess;
import dev.parley.message.rooms.RoomAccess.Level;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Handles SendMessage: validate, persist exactly once with the room's next seq, then publish the answer
 * (MessagePosted or MessageRejected) and wait for the broker's ack. A redelivered send — a client retry,
 * or a crash between commit and publish — republishes the stored message with its original seq and id.
 */
@Service
public class MessageSending {

    private static final Logger log = LoggerFactory.getLogger(MessageSending.class);

    private final MessageStore store;
    private final RoomAccess roomAccess;
    private final EventPublisher publisher;

    MessageSending(MessageStore store, RoomAccess roomAccess, EventPublisher publisher) {
        this.store = store;
        this.roomAccess = roomAccess;
        this.publisher = publisher;
    }

    public void send(SendMessage command) {
        if (command.senderId() == null || !ClientMsgId.isValid(command.clientMsgId())
                || !MessageBody.isValid(command.body())) {
            reject(command, "validation_failed");
            return;
        }
        // Before the access check: a stored message is answered even if its sender has left since.
        Optional<StoredMessage> earlier = store.find(command.roomId(), command.senderId(), command.clientMsgId());
        if (earlier.isPresent()) {
            publisher.publish(earlier.get().postedFor(command));
            return;
        }
        Level level = roomAccess.check(command.roomId(), command.senderId(), Level.SEND);
        if (level != Level.SEND) {
            reject(command, level == Level.READ ? "not_member" : "room_not_found");
            return;
        }
        publisher.publish(store.storeOnce(command).postedFor(command));
    }

    private void reject(SendMessage command, String reason) {
        log.debug("Rejected send {} to room {}: {}", command.commandId(), command.roomId(), reason);
        publisher.publish(new MessageRejected(command.commandId(), command.roomId(), command.clientMsgId(), reason,
                command.origin()));
    }
}
