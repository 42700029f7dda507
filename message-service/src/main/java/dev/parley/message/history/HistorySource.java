package dev.parley.message.history;

import java.util.List;

/**
 * Where a page's messages come from: PostgreSQL ({@code MessageView}s), or a contiguous range of the recent-history
 * cache (its entries as held, {@link CachedMessage}).
 */
interface HistorySource<T> {

    /** The newest {@code max} messages, newest first. */
    List<T> latest(int max);

    /** The newest {@code max} messages with a seq below {@code seq}, newest first. */
    List<T> below(long seq, int max);

    /** The oldest {@code max} messages with a seq of at least {@code seq}, oldest first. */
    List<T> from(long seq, int max);
}
