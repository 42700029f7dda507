package dev.parley.bench.faults;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Reconnect delays: exponential from {@code min} to {@code max}, each drawn at random between half and
 * all of its step ("equal jitter"), so that clients cut off together do not come back together.
 */
final class Backoff {

    private final long minMillis;
    private final long maxMillis;
    private final RandomGenerator random;
    private int failures;

    Backoff(Duration min, Duration max, RandomGenerator random) {
        this.minMillis = Math.max(1, min.toMillis());
        this.maxMillis = Math.max(minMillis, max.toMillis());
        this.random = random;
    }

    /** The delay before the next attempt after one more failure. */
    Duration next() {
        long step = Math.min(maxMillis, minMillis << Math.min(failures, 20));
        failures++;
        return Duration.ofMillis(step / 2 + random.nextLong(step - step / 2 + 1));
    }

    /** A success: the next failure starts from {@code min} again. */
    void reset() {
        failures = 0;
    }
}
