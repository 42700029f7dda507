package dev.parley.message.readmarkers;

import java.util.List;
import java.util.UUID;

/**
 * One room of {@code GET /api/me/unread}: {@code unread = lastSeq − readSeq}; {@code mentions}, the unread
 * messages that mention the reader (contract §6).
 */
record UnreadRoom(UUID roomId, long lastSeq, long readSeq, long unread, long mentions) {

    static UnreadRoom of(UUID roomId, long lastSeq, long readSeq, long mentions) {
        // A marker is clamped to lastSeq when set; min() keeps the count sane for any older data.
        long read = Math.min(readSeq, lastSeq);
        return new UnreadRoom(roomId, lastSeq, read, lastSeq - read, mentions);
    }

    record Page(List<UnreadRoom> items) {
    }
}
