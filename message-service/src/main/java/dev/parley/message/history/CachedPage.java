package dev.parley.message.history;

import java.util.List;

/** A page from the cache on which no message has a reaction: every reader sees it alike, as the cache holds it. */
record CachedPage(List<CachedMessage> items, boolean hasMore) implements HistoryPage {
}
