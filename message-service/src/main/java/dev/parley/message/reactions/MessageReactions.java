package dev.parley.message.reactions;

import dev.parley.events.message.MessageRules;
import dev.parley.events.message.React;
import dev.parley.message.commands.CommandGateway;
import dev.parley.message.commands.CommandOutcome;
import dev.parley.message.commands.Rejections;
import dev.parley.message.editing.EditStore;
import dev.parley.message.rooms.RoomAccess;
import dev.parley.message.rooms.RoomAccess.Level;
import dev.parley.platform.web.ApiException;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Reactions over HTTP: checked here for a precise answer, then published as a React command and applied
 * by the command consumer in the room's order, which publishes ReactionAdded or ReactionRemoved.
 */
@Service
class MessageReactions {

    private final EditStore messages;
    private final RoomAccess roomAccess;
    private final CommandGateway gateway;

    MessageReactions(EditStore messages, RoomAccess roomAccess, CommandGateway gateway) {
        this.messages = messages;
        this.roomAccess = roomAccess;
        this.gateway = gateway;
    }

    void react(UUID roomId, long seq, String emoji, UUID userId, boolean add) {
        MessageRules.emojiProblem(emoji).ifPresent(problem -> {
            throw ApiException.invalid("emoji", problem);
        });
        Level level = roomAccess.check(roomId, userId, Level.SEND);
        ReactionRules.refuse(level, level.allows(Level.READ) ? messages.find(roomId, seq) : Optional.empty(), emoji, add)
                .ifPresent(reason -> {
                    throw Rejections.asApiException(reason, "emoji");
                });
        UUID commandId = UUID.randomUUID();
        Optional<CommandOutcome> outcome = gateway.submit(
                new React(commandId, roomId, userId, seq, emoji, add, gateway.origin(commandId)), () -> false);
        if (outcome.isEmpty()) {
            throw ApiException.unavailable("The reaction was not confirmed in time and may still apply; retrying is safe.");
        }
        if (outcome.get() instanceof CommandOutcome.Rejected rejected) {
            throw Rejections.asApiException(rejected.reason(), rejected.fieldOr("emoji"));
        }
    }
}
