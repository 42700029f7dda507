package dev.parley.message.history;

/**
 * A page of history, ascending by seq, as answered: {@link MessagePage}, or {@link CachedPage} — the same JSON, written
 * out as the cache holds it.
 */
sealed interface HistoryPage permits MessagePage, CachedPage {
}
