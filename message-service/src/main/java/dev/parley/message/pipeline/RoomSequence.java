package dev.parley.message.pipeline;

import java.util.UUID;

/**
 * A room's sequence row, locked for the batch: seqs are handed out in memory and written back with the
 * batch, so a room's next seq is the one after the last committed one, whoever committed it.
 */
final class RoomSequence {

    private final UUID roomId;
    private final long lockedVersion;
    private long lastSeq;
    private boolean changed;

    RoomSequence(UUID roomId, long lastSeq, long version) {
        this.roomId = roomId;
        this.lastSeq = lastSeq;
        this.lockedVersion = version;
    }

    long allocate() {
        changed = true;
        return ++lastSeq;
    }

    /** An edit or delete: no new seq, but a new history version. */
    void touch() {
        changed = true;
    }

    UUID roomId() {
        return roomId;
    }

    long lastSeq() {
        return lastSeq;
    }

    boolean changed() {
        return changed;
    }

    long lockedVersion() {
        return lockedVersion;
    }

    /** One version per committed batch that changed the room. */
    long newVersion() {
        return changed ? lockedVersion + 1 : lockedVersion;
    }
}
