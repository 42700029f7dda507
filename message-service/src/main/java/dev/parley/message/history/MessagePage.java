package dev.parley.message.history;

import dev.parley.message.sending.MessageView;
import java.util.List;

/**
 * A page of history, ascending by seq. {@code hasMore}: there are messages beyond the page in its
 * direction (older for the latest, {@code before} and {@code around} pages; newer for {@code after}).
 */
record MessagePage(List<MessageView> items, boolean hasMore) implements HistoryPage {
}
