package dev.parley.message.search;

import java.util.List;

/** One page of a search, newest first; {@code nextCursor} asks for the older ones, {@code null} at the end. */
public record SearchPage(List<SearchHit> items, String nextCursor) {

    static final SearchPage EMPTY = new SearchPage(List.of(), null);
}
