package dev.parley.message.history;

import java.util.List;

/**
 * A contiguous run of a room's messages (seqs {@code range.lo..range.hi}, ascending) taken from the cache
 * at the version PostgreSQL reported. It answers the same questions as PostgreSQL, and refuses (a bug,
 * not a miss) any question whose answer could reach outside the run.
 */
record CachedRange<T>(PageRange range, List<T> messages, long lastSeq) implements HistorySource<T> {

    CachedRange {
        if (messages.size() != range.size()) {
            throw new IllegalArgumentException("Not a contiguous run of " + range + ": " + messages.size());
        }
    }

    @Override
    public List<T> latest(int max) {
        return below(lastSeq + 1, max);
    }

    @Override
    public List<T> below(long seq, int max) {
        PageRange wanted = PageRange.below(seq, max, lastSeq);
        return slice(wanted).reversed();
    }

    @Override
    public List<T> from(long seq, int max) {
        return slice(PageRange.from(seq, max, lastSeq));
    }

    private List<T> slice(PageRange wanted) {
        if (!range.contains(wanted)) {
            throw new IllegalStateException("Planned " + range + " but asked for " + wanted);
        }
        if (wanted.isEmpty()) {
            return List.of();
        }
        int from = (int) (wanted.lo() - range.lo());
        return messages.subList(from, from + (int) wanted.size());
    }
}
