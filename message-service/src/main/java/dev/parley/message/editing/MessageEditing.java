package dev.parley.message.editing;

import dev.parley.events.message.DeleteMessage;
import dev.parley.events.message.EditMessage;
import dev.parley.events.message.MessageCommand;
import dev.parley.events.message.MessageRules;
import dev.parley.message.commands.CommandGateway;
import dev.parley.message.commands.CommandOutcome;
import dev.parley.message.commands.Rejections;
import dev.parley.message.rooms.RoomAccess;
import dev.parley.message.rooms.RoomAccess.Level;
import dev.parley.message.sending.MessageView;
import dev.parley.platform.web.ApiException;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Edits and deletes over HTTP: checked here for a precise answer, then published as EditMessage or
 * DeleteMessage and applied by the command consumer in the room's order, which publishes the event.
 */
@Service
class MessageEditing {

    private final EditStore store;
    private final RoomAccess roomAccess;
    private final CommandGateway gateway;

    MessageEditing(EditStore store, RoomAccess roomAccess, CommandGateway gateway) {
        this.store = store;
        this.roomAccess = roomAccess;
        this.gateway = gateway;
    }

    MessageView edit(UUID roomId, long seq, UUID editorId, EditRequest request) {
        MessageRules.bodyProblem(request.body()).ifPresent(problem -> {
            throw ApiException.invalid("body", problem);
        });
        MessageView message = store.find(roomId, seq).orElse(null);
        Level level = roomAccess.check(roomId, editorId, Level.SEND);
        EditRules.refuseEdit(level, message, editorId).ifPresent(reason -> {
            throw Rejections.asApiException(reason, "body");
        });
        UUID commandId = UUID.randomUUID();
        await(new EditMessage(commandId, roomId, editorId, seq, request.body(), gateway.origin(commandId)));
        return store.find(roomId, seq).orElseThrow();
    }

    void delete(UUID roomId, long seq, UUID deleterId) {
        MessageView message = store.find(roomId, seq).orElse(null);
        boolean ownMessage = message != null && message.senderId().equals(deleterId);
        Level level = roomAccess.check(roomId, deleterId, ownMessage ? Level.SEND : Level.MODERATE);
        EditRules.refuseDelete(level, message, deleterId).ifPresent(reason -> {
            throw Rejections.asApiException(reason, "seq");
        });
        if (message.deleted()) {
            return;
        }
        UUID commandId = UUID.randomUUID();
        await(new DeleteMessage(commandId, roomId, deleterId, seq, gateway.origin(commandId)));
    }

    private void await(MessageCommand command) {
        Optional<CommandOutcome> outcome = gateway.submit(command, () -> false);
        if (outcome.isEmpty()) {
            throw ApiException.unavailable("The change was not confirmed in time and may still apply; retrying is safe.");
        }
        if (outcome.get() instanceof CommandOutcome.Rejected rejected) {
            throw Rejections.asApiException(rejected.reason(), rejected.fieldOr("body"));
        }
    }
}
