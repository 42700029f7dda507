package dev.parley.gateway.api;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * How many requests of each user or address are at one stage at once, in this instance, up to a most: a key's
 * count is kept only while above zero, so the map holds no more keys than requests in that stage.
 */
final class InFlightCounts {

    private final ConcurrentMap<String, Integer> counts = new ConcurrentHashMap<>();
    private final int most;

    InFlightCounts(int most) {
        this.most = most;
    }

    int most() {
        return most;
    }

    /** Counts one more for {@code key}, unless it has its most already; then false, and nothing is counted. */
    boolean enter(String key) {
        boolean[] entered = {false};
        counts.compute(key, (any, count) -> {
            int now = count == null ? 0 : count;
            if (now >= most) {
                return count;
            }
            entered[0] = true;
            return now + 1;
        });
        return entered[0];
    }

    /** One of {@code key}'s, counted by {@link #enter}, is done. */
    void leave(String key) {
        counts.computeIfPresent(key, (any, count) -> count <= 1 ? null : count - 1);
    }
}
