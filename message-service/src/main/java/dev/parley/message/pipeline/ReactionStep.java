package dev.parley.message.pipeline;

import dev.parley.events.ErrorCode;
import dev.parley.events.message.MessageRules;
import dev.parley.events.message.React;
import dev.parley.events.message.ReactionAdded;
import dev.parley.events.message.ReactionRemoved;
import dev.parley.message.editing.EditStore;
import dev.parley.message.reactions.ReactionRules;
import dev.parley.message.reactions.ReactionStore;
import dev.parley.message.rooms.RoomAccess.Level;
import dev.parley.message.sending.MessageView;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * React within a batch, in the room's order (contract §6): a member adds or removes their reaction; a
 * repeat changes nothing and publishes nothing. The message's summary is recomputed and goes to the cache
 * with the batch, so history shows the new counts at once.
 */
@Component
class ReactionStep {

    private final ReactionStore reactions;
    private final EditStore messages;

    ReactionStep(ReactionStore reactions, EditStore messages) {
        this.reactions = reactions;
        this.messages = messages;
    }

    void handle(React command, CommandBatch batch) {
        if (command.userId() == null || !MessageRules.isEmoji(command.emoji())) {
            batch.rejected(command, ErrorCode.VALIDATION_FAILED, "emoji");
            return;
        }
        Level level = batch.level(command.roomId(), command.userId());
        Optional<MessageView> message = level.allows(Level.READ)
                ? batch.queryMessages(() -> messages.find(command.roomId(), command.seq()))
                : Optional.empty();
        Optional<ErrorCode> refusal = ReactionRules.refuse(level, message, command.emoji(), command.add());
        if (refusal.isPresent()) {
            batch.rejected(command, refusal.get());
            return;
        }
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        boolean changed = command.add()
                ? reactions.add(command.roomId(), command.seq(), command.emoji(), command.userId(), at)
                : reactions.remove(command.roomId(), command.seq(), command.emoji(), command.userId());
        if (!changed) {
            batch.ignored(command);
            return;
        }
        batch.room(command.roomId()).touch();
        batch.changed(reactions.summarize(command.roomId(), command.seq()));
        batch.applied(command, command.add()
                ? new ReactionAdded(command.roomId(), command.seq(), command.emoji(), command.userId(), at)
                : new ReactionRemoved(command.roomId(), command.seq(), command.emoji(), command.userId(), at));
    }
}
