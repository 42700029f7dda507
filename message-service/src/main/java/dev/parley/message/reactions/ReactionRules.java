package dev.parley.message.reactions;

import dev.parley.events.ErrorCode;
import dev.parley.events.message.MessageRules;
import dev.parley.message.rooms.RoomAccess.Level;
import dev.parley.message.sending.MessageView;
import java.util.Optional;

/**
 * Who may react to what (contract §6), for the command consumer and the HTTP pre-check alike: members
 * only, never on a deleted message, and at most {@value MessageRules#MAX_REACTIONS} distinct emoji on a
 * message (a new one beyond that is {@code too_many_reactions}; adding one already there is fine).
 */
public final class ReactionRules {

    private ReactionRules() {
    }

    /**
     * @param message the message as stored, empty when the room has no such seq (or the user cannot read it)
     * @param add whether the reaction is being added (removing is allowed whenever adding would have been)
     */
    public static Optional<ErrorCode> refuse(Level level, Optional<MessageView> message, String emoji, boolean add) {
        Optional<ErrorCode> notMember = level.refusalToSend();
        if (notMember.isPresent()) {
            return notMember;
        }
        if (message.isEmpty()) {
            return Optional.of(ErrorCode.MESSAGE_NOT_FOUND);
        }
        if (message.get().deleted()) {
            return Optional.of(ErrorCode.MESSAGE_DELETED);
        }
        boolean newEmoji = message.get().reactions().stream().noneMatch(reaction -> reaction.emoji().equals(emoji));
        if (add && newEmoji && message.get().reactions().size() >= MessageRules.MAX_REACTIONS) {
            return Optional.of(ErrorCode.TOO_MANY_REACTIONS);
        }
        return Optional.empty();
    }
}
