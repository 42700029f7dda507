package dev.parley.message.pipeline;

import dev.parley.events.ErrorCode;
import dev.parley.events.message.MessagePosted;
import dev.parley.events.message.MessageRules;
import dev.parley.events.message.SendMessage;
import dev.parley.message.rooms.RoomAccess.Level;
import dev.parley.message.sending.MessageView;
import dev.parley.message.sending.SendKey;
import dev.parley.message.sending.SendStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * SendMessage within a batch: a send already stored (a client retry, or the redelivery after a crash
 * between commit and publish) is answered with the stored message — original seq and id; a new one gets
 * its room's next seq and is inserted with the batch's other sends in one statement.
 */
@Component
class SendStep {

    private final SendStore store;

    SendStep(SendStore store) {
        this.store = store;
    }

    /** One query for every send of the batch; runs after the rooms are locked, so no writer can add one since. */
    void prepare(List<SendMessage> sends, CommandBatch batch) {
        batch.storedBefore(store.findAll(sends.stream().filter(SendStep::isValid).map(SendStep::key).toList()));
    }

    void handle(SendMessage command, CommandBatch batch) {
        if (!isValid(command)) {
            batch.rejected(command, ErrorCode.VALIDATION_FAILED);
            return;
        }
        SendKey key = key(command);
        // Before the access check: a stored message is answered even if its sender has left since.
        Optional<MessageView> earlier = batch.send(key);
        if (earlier.isPresent()) {
            batch.posted(command, posted(earlier.get(), command));
            return;
        }
        Level level = batch.level(command.roomId(), command.senderId());
        Optional<ErrorCode> refusal = level.refusalToSend();
        if (refusal.isPresent()) {
            batch.rejected(command, refusal.get());
            return;
        }
        // PostgreSQL keeps microseconds: the event and later reads must show the same instant.
        Instant createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        MessageView message = new MessageView(MessageIds.at(createdAt), command.roomId(),
                batch.room(command.roomId()).allocate(), command.senderId(), command.clientMsgId(), command.body(),
                createdAt, null, false);
        batch.plan(key, message);
        batch.posted(command, posted(message, command));
    }

    /** The batch's planned sends, in one statement: {@link CommandBatch} says when. */
    void insertAll(List<MessageView> planned) {
        store.insertAll(planned);
    }

    private static MessagePosted posted(MessageView message, SendMessage command) {
        return new MessagePosted(message.roomId(), message.seq(), message.id(), message.senderId(),
                message.clientMsgId(), message.body(), message.createdAt(), command.commandId(), command.origin());
    }

    private static boolean isValid(SendMessage command) {
        return command.senderId() != null && MessageRules.isClientMsgId(command.clientMsgId())
                && MessageRules.isBody(command.body());
    }

    private static SendKey key(SendMessage command) {
        return new SendKey(command.roomId(), command.senderId(), command.clientMsgId());
    }
}
