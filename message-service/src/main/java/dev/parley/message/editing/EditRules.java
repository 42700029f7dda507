package dev.parley.message.editing;

import dev.parley.message.history.MessageView;
import dev.parley.message.rooms.RoomAccess.Level;
import java.util.Optional;
import java.util.UUID;

/**
 * Who may edit or delete a message, as contract error codes. The HTTP endpoints ask before publishing a
 * command (for a precise answer); the command consumer asks again, and its answer is the one that counts.
 */
public final class EditRules {

    private EditRules() {
    }

    /**
     * Only the sender, while a member. Editing a tombstone is a conflict: the seq exists, the message is gone.
     *
     * @param message the message at the seq, or null
     */
    public static Optional<String> refuseEdit(Level level, MessageView message, UUID actor) {
        if (level == Level.NONE) {
            return Optional.of("room_not_found");
        }
        if (message == null) {
            return Optional.of("message_not_found");
        }
        if (!level.allows(Level.SEND) || !message.senderId().equals(actor)) {
            return Optional.of("forbidden");
        }
        return message.deleted() ? Optional.of("message_deleted") : Optional.empty();
    }

    /**
     * The sender while a member, or the room's owner or an admin. Deleting a tombstone again is allowed and
     * changes nothing.
     */
    public static Optional<String> refuseDelete(Level level, MessageView message, UUID actor) {
        if (level == Level.NONE) {
            return Optional.of("room_not_found");
        }
        if (message == null) {
            return Optional.of("message_not_found");
        }
        boolean allowed = level.allows(Level.MODERATE) || level.allows(Level.SEND) && message.senderId().equals(actor);
        return allowed ? Optional.empty() : Optional.of("forbidden");
    }
}
