package dev.parley.message.history;

import dev.parley.message.sending.MessageView;
import java.util.Collection;
import java.util.UUID;

/**
 * One committed change of a room's history, as the command consumer hands it to the cache: the version
 * before and after, the new last seq, and the final state of every message it added, edited or deleted.
 */
public record RoomHistoryChange(UUID roomId, long fromVersion, long toVersion, long lastSeq,
                                Collection<MessageView> messages) {
}
