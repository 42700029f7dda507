package dev.parley.message.history;

import dev.parley.message.sending.MessageView;
import java.util.List;

/** Where a page's messages come from: PostgreSQL, or a contiguous range of the recent-history cache. */
interface HistorySource {

    /** The newest {@code max} messages, newest first. */
    List<MessageView> latest(int max);

    /** The newest {@code max} messages with a seq below {@code seq}, newest first. */
    List<MessageView> below(long seq, int max);

    /** The oldest {@code max} messages with a seq of at least {@code seq}, oldest first. */
    List<MessageView> from(long seq, int max);
}
