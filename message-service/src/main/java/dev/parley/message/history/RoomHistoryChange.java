package dev.parley.message.history;

import dev.parley.message.sending.MessageView;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One committed change of a room's history, as the command consumer hands it to the cache: the version
 * before and after, the new last seq, and the final state of every message it added, edited or deleted.
 */
public record RoomHistoryChange(UUID roomId, long fromVersion, long toVersion, long lastSeq,
                                Collection<MessageView> messages) {

    /**
     * This change and the room's next one as a single change, when the next starts where this one ends: a
     * message both touched is taken in its later state. Empty for another room or a change that does not follow.
     */
    Optional<RoomHistoryChange> followedBy(RoomHistoryChange next) {
        if (!roomId.equals(next.roomId) || toVersion != next.fromVersion) {
            return Optional.empty();
        }
        Map<Long, MessageView> bySeq = new LinkedHashMap<>();
        messages.forEach(message -> bySeq.put(message.seq(), message));
        next.messages.forEach(message -> bySeq.put(message.seq(), message));
        return Optional.of(new RoomHistoryChange(roomId, fromVersion, next.toVersion, next.lastSeq,
                bySeq.values()));
    }
}
