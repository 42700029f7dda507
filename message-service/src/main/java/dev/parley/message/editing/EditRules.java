package dev.parley.message.editing;

import dev.parley.events.ErrorCode;
import dev.parley.message.rooms.RoomAccess.Level;
import dev.parley.message.sending.MessageView;
import java.util.Optional;
import java.util.UUID;

/**
 * Who may edit or delete a message, and if not, why (a contract error code). The HTTP endpoints ask before
 * publishing a command (for a precise answer); the command consumer asks again, and its answer is the one
 * that counts.
 */
public final class EditRules {

    private EditRules() {
    }

    /**
     * Only the sender, while a member. Editing a tombstone is a conflict: the seq exists, the message is gone.
     *
     * @param message the message at the seq, or null
     */
    public static Optional<ErrorCode> refuseEdit(Level level, MessageView message, UUID actor) {
        if (level == Level.NONE) {
            return Optional.of(ErrorCode.ROOM_NOT_FOUND);
        }
        if (message == null) {
            return Optional.of(ErrorCode.MESSAGE_NOT_FOUND);
        }
        if (!level.allows(Level.SEND) || !message.senderId().equals(actor)) {
            return Optional.of(ErrorCode.FORBIDDEN);
        }
        return message.deleted() ? Optional.of(ErrorCode.MESSAGE_DELETED) : Optional.empty();
    }

    /**
     * The sender while a member, or the room's owner or an admin. Deleting a tombstone again is allowed and
     * changes nothing.
     */
    public static Optional<ErrorCode> refuseDelete(Level level, MessageView message, UUID actor) {
        if (level == Level.NONE) {
            return Optional.of(ErrorCode.ROOM_NOT_FOUND);
        }
        if (message == null) {
            return Optional.of(ErrorCode.MESSAGE_NOT_FOUND);
        }
        boolean allowed = level.allows(Level.MODERATE) || level.allows(Level.SEND) && message.senderId().equals(actor);
        return allowed ? Optional.empty() : Optional.of(ErrorCode.FORBIDDEN);
    }
}
