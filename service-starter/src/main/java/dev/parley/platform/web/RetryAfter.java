package dev.parley.platform.web;

/**
 * When a refused client may come back, in the two forms the contract gives it (§2, §7): {@code retryAfterMs} in
 * the problem (at least 1 ms) and the {@code Retry-After} header (whole seconds, rounded up, at least 1). The
 * services and the edge both answer with these.
 */
public final class RetryAfter {

    private RetryAfter() {
    }

    /** {@code retryAfterMs}: never 0, which would tell a client to come back at once. */
    public static long millis(long millis) {
        return Math.max(1, millis);
    }

    /** {@code Retry-After}: the whole seconds that cover {@link #millis}. */
    public static long seconds(long millis) {
        return (millis(millis) + 999) / 1000;
    }
}
