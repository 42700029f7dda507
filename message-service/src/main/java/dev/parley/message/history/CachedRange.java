package dev.parley.message.history;

import dev.parley.message.sending.MessageView;
import java.util.List;

/**
 * A contiguous run of a room's messages (seqs {@code range.lo..range.hi}, ascending) taken from the cache
 * at the version PostgreSQL reported. It answers the same questions as PostgreSQL, and refuses (a bug,
 * not a miss) any question whose answer could reach outside the run.
 */
record CachedRange(PageRange range, List<MessageView> messages, long lastSeq) implements HistorySource {

    CachedRange {
        if (messages.size() != range.size()) {
            throw new IllegalArgumentException("Not a contiguous run of " + range + ": " + messages.size());
        }
    }

    @Override
    public List<MessageView> latest(int max) {
        return below(lastSeq + 1, max);
    }

    @Override
    public List<MessageView> below(long seq, int max) {
        PageRange wanted = PageRange.below(seq, max, lastSeq);
        return slice(wanted).reversed();
    }

    @Override
    public List<MessageView> from(long seq, int max) {
        return slice(PageRange.from(seq, max, lastSeq));
    }

    private List<MessageView> slice(PageRange wanted) {
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
