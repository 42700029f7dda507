package dev.parley.message.sending;

import dev.parley.events.message.MessageRules;
import dev.parley.events.message.SendMessage;
import dev.parley.message.commands.CommandGateway;
import dev.parley.message.commands.CommandOutcome;
import dev.parley.message.commands.Rejections;
import dev.parley.message.editing.EditStore;
import dev.parley.message.rooms.RoomAccess;
import dev.parley.message.rooms.RoomAccess.Level;
import dev.parley.message.threads.ThreadRules;
import dev.parley.platform.web.ApiException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * A send over HTTP: checked here for a precise answer, then published as a SendMessage command and handled
 * by the command consumer exactly like a WebSocket send (same order, seq and idempotency).
 */
@Service
class MessageSending {

    private final SendStore store;
    private final RoomAccess roomAccess;
    private final CommandGateway gateway;
    private final EditStore messages;

    MessageSending(SendStore store, RoomAccess roomAccess, CommandGateway gateway, EditStore messages) {
        this.store = store;
        this.messages = messages;
        this.roomAccess = roomAccess;
        this.gateway = gateway;
    }

    /** The stored message (201), or, when it is not stored within the wait, the pending send (202). */
    sealed interface SendResult {
        record Stored(MessageView message) implements SendResult {
        }

        record Pending(String clientMsgId) implements SendResult {
        }
    }

    SendResult send(UUID roomId, UUID senderId, SendRequest request) {
        MessageRules.clientMsgIdProblem(request.clientMsgId()).ifPresent(problem -> {
            throw ApiException.invalid("clientMsgId", problem);
        });
        MessageRules.bodyProblem(request.body(), request.attachments().size()).ifPresent(problem -> {
            throw ApiException.invalid("body", problem);
        });
        MessageRules.attachmentsProblem(request.attachments()).ifPresent(problem -> {
            throw ApiException.invalid("attachments", problem);
        });
        if (request.threadRoot() != null && request.threadRoot() < 1) {
            throw ApiException.invalid("threadRoot", "the seq of a message of the room");
        }
        SendKey key = new SendKey(roomId, senderId, request.clientMsgId());
        // A retry is answered with the original message, whatever became of the sender's membership since.
        Optional<MessageView> earlier = store.find(key);
        if (earlier.isPresent()) {
            return new SendResult.Stored(earlier.get());
        }
        Level level = roomAccess.check(roomId, senderId, Level.SEND);
        level.refusalToSend().ifPresent(refusal -> {
            throw Rejections.asApiException(refusal, "roomId");
        });
        if (request.threadRoot() != null) {
            ThreadRules.refuseReply(messages.find(roomId, request.threadRoot())).ifPresent(refusal -> {
                throw Rejections.asApiException(refusal, "threadRoot");
            });
        }
        UUID commandId = UUID.randomUUID();
        SendMessage command = new SendMessage(commandId, roomId, senderId, request.clientMsgId(), request.body(),
                Instant.now(), gateway.origin(commandId), request.threadRoot(), request.attachments());
        Optional<CommandOutcome> outcome = gateway.submit(command, () -> store.find(key).isPresent());
        if (outcome.isPresent() && outcome.get() instanceof CommandOutcome.Rejected rejected) {
            throw Rejections.asApiException(rejected.reason(), rejected.fieldOr("body"));
        }
        return outcome.flatMap(done -> store.find(key)).<SendResult>map(SendResult.Stored::new)
                .orElseGet(() -> new SendResult.Pending(request.clientMsgId()));
    }
}
