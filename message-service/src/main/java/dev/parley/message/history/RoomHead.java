package dev.parley.message.history;

/**
 * Where a room's history stands: its last seq, and the version every committed change bumps. Seqs are
 * gap-free and messages are never removed (a delete leaves a tombstone), so a room holds exactly the
 * seqs 1..lastSeq.
 */
record RoomHead(long lastSeq, long version) {

    static final RoomHead EMPTY = new RoomHead(0, 0);
}
