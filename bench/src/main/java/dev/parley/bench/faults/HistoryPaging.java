package dev.parley.bench.faults;

import dev.parley.bench.api.ParleyApi.HistoryPage;
import dev.parley.bench.api.ParleyApi.StoredMessage;
import java.util.function.Consumer;

/** Reads a room's history over HTTP the way the contract pages it: {@code after=S&limit=100}, ascending, until done. */
final class HistoryPaging {

    static final int PAGE = 100;

    /** One page after a seq. */
    interface Pages {
        HistoryPage after(long seq, int limit);
    }

    private HistoryPaging() {
    }

    /**
     * Every stored message after {@code fromSeq}, in order, up to {@code untilSeq} at least (further when a
     * page goes beyond it), or to the end of the history; returns the last seq read ({@code fromSeq} if none).
     */
    static long readAfter(long fromSeq, long untilSeq, Pages pages, Consumer<StoredMessage> each) {
        long cursor = fromSeq;
        while (cursor < untilSeq) {
            HistoryPage page = pages.after(cursor, PAGE);
            for (StoredMessage message : page.items()) {
                if (message.seq() <= cursor) {
                    throw new IllegalStateException("history page after " + cursor + " holds seq " + message.seq());
                }
                each.accept(message);
                cursor = message.seq();
            }
            if (page.items().isEmpty() || !page.hasMore()) {
                return cursor;
            }
        }
        return cursor;
    }
}
