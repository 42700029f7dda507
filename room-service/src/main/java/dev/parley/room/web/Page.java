package dev.parley.room.web;

import java.util.List;

/** A page of a list (contract §2): {@code nextCursor} is null on the last page. */
public record Page<T>(List<T> items, String nextCursor) {

    /** Contract §2: a larger {@code limit} is clamped, not refused. */
    public static final int MAX_LIMIT = 100;

    public static int clamp(int limit) {
        return Math.min(limit, MAX_LIMIT);
    }
}
