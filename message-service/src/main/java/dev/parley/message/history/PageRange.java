package dev.parley.message.history;

import dev.parley.message.history.PagePosition.After;
import dev.parley.message.history.PagePosition.Around;
import dev.parley.message.history.PagePosition.Before;
import dev.parley.message.history.PagePosition.Latest;

/**
 * The seqs {@code lo..hi} a page reads, lookahead row included, given the room's last seq. Since a room
 * holds exactly the seqs 1..lastSeq (gap-free, tombstones keep their place), this range is known without
 * reading a message — which is what lets a cached range answer exactly as PostgreSQL would.
 */
record PageRange(long lo, long hi) {

    static PageRange of(PagePosition position, int limit, long lastSeq) {
        return switch (position) {
            case Latest latest -> below(lastSeq + 1, limit + 1, lastSeq);
            case Before before -> below(before.seq(), limit + 1, lastSeq);
            case After after -> from(Math.min(after.seq(), lastSeq) + 1, limit + 1, lastSeq);
            case Around around -> below(around.seq(), limit / 2 + 1, lastSeq)
                    .union(from(around.seq(), limit, lastSeq));
        };
    }

    /** What {@link HistorySource#below} can return. */
    static PageRange below(long seq, int max, long lastSeq) {
        long hi = Math.min(seq - 1, lastSeq);
        return new PageRange(Math.max(1, hi - max + 1), hi);
    }

    /** What {@link HistorySource#from} can return. */
    static PageRange from(long seq, int max, long lastSeq) {
        long lo = Math.max(1, Math.min(seq, lastSeq + 1));
        return new PageRange(lo, Math.min(lastSeq, lo + max - 1));
    }

    boolean isEmpty() {
        return hi < lo;
    }

    long size() {
        return isEmpty() ? 0 : hi - lo + 1;
    }

    boolean contains(PageRange other) {
        return other.isEmpty() || !isEmpty() && lo <= other.lo && other.hi <= hi;
    }

    private PageRange union(PageRange other) {
        if (isEmpty()) {
            return other;
        }
        return other.isEmpty() ? this : new PageRange(Math.min(lo, other.lo), Math.max(hi, other.hi));
    }
}
