package dev.parley.message.pipeline;

import dev.parley.events.ErrorCode;
import dev.parley.events.message.DeleteMessage;
import dev.parley.events.message.EditMessage;
import dev.parley.events.message.MessageDeleted;
import dev.parley.events.message.MessageEdited;
import dev.parley.events.message.MessageRules;
import dev.parley.message.editing.EditRules;
import dev.parley.message.editing.EditStore;
import dev.parley.message.rooms.RoomAccess.Level;
import dev.parley.message.sending.MessageView;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** EditMessage and DeleteMessage within a batch, in the room's order, under the room's lock. */
@Component
class EditStep {

    private final EditStore store;

    EditStep(EditStore store) {
        this.store = store;
    }

    void edit(EditMessage command, CommandBatch batch) {
        if (command.senderId() == null || !MessageRules.isBody(command.body())) {
            batch.rejected(command, ErrorCode.VALIDATION_FAILED, "body");
            return;
        }
        Level level = batch.level(command.roomId(), command.senderId());
        MessageView message = batch.queryMessages(() -> find(level, command.roomId(), command.seq()));
        Optional<ErrorCode> refusal = EditRules.refuseEdit(level, message, command.senderId());
        if (refusal.isPresent()) {
            batch.rejected(command, refusal.get());
            return;
        }
        MessageView edited = store.edit(command.roomId(), command.seq(), command.body(),
                Instant.now().truncatedTo(ChronoUnit.MICROS));
        batch.room(command.roomId()).touch();
        batch.changed(edited);
        batch.applied(command, new MessageEdited(edited.roomId(), edited.seq(), edited.id(), edited.senderId(),
                edited.body(), edited.editedAt()));
    }

    void delete(DeleteMessage command, CommandBatch batch) {
        if (command.senderId() == null) {
            batch.rejected(command, ErrorCode.VALIDATION_FAILED);
            return;
        }
        Level level = batch.level(command.roomId(), command.senderId());
        MessageView message = batch.queryMessages(() -> find(level, command.roomId(), command.seq()));
        Optional<ErrorCode> refusal = EditRules.refuseDelete(level, message, command.senderId());
        if (refusal.isPresent()) {
            batch.rejected(command, refusal.get());
        } else if (message.deleted()) {
            batch.ignored(command);
        } else {
            MessageView tombstone = store.delete(command.roomId(), command.seq());
            batch.room(command.roomId()).touch();
            batch.changed(tombstone);
            batch.applied(command, new MessageDeleted(tombstone.roomId(), tombstone.seq(), tombstone.id(),
                    command.senderId(), Instant.now().truncatedTo(ChronoUnit.MICROS)));
        }
    }

    private MessageView find(Level level, UUID roomId, long seq) {
        return level == Level.NONE ? null : store.find(roomId, seq).orElse(null);
    }
}
