package dev.parley.message.history;

import dev.parley.platform.web.ApiException;

/** Where a history page sits: the newest messages, or relative to a seq. */
sealed interface PagePosition {

    record Latest() implements PagePosition {
    }

    /** Messages with a seq below {@code seq}, the newest of them. */
    record Before(long seq) implements PagePosition {
    }

    /** Messages with a seq above {@code seq}, the oldest of them ({@code after=0}: from the beginning). */
    record After(long seq) implements PagePosition {
    }

    /** {@code seq} itself and up to half a page older, the rest newer. */
    record Around(long seq) implements PagePosition {
    }

    static PagePosition of(Long before, Long after, Long around) {
        int given = (before != null ? 1 : 0) + (after != null ? 1 : 0) + (around != null ? 1 : 0);
        if (given > 1) {
            throw ApiException.invalid(before != null ? "before" : "after",
                    "use at most one of before, after and around");
        }
        if (before != null) {
            return new Before(before);
        }
        if (after != null) {
            return new After(after);
        }
        return around != null ? new Around(around) : new Latest();
    }
}
