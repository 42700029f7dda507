package dev.parley.gateway.api;

import dev.parley.gateway.api.TokenBuckets.Bucket;
import dev.parley.gateway.api.TokenBuckets.Refusal;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * This instance's copy of the token buckets, for when Redis does not answer ({@link TokenBuckets}). It counts
 * every take the shared buckets allowed through this instance ({@link #spent}), so when Redis goes quiet it knows what this
 * instance's clients have spent and keeps their limits, instead of starting them from full buckets. With several
 * instances each one holds a client to the whole limit on its own, so while Redis is away a client spread over
 * {@code n} instances may spend up to {@code n} times the limit: bounded, where passing unchecked was not.
 * <p>
 * The bucket rule is {@link TokenBuckets#RULE}'s, written again in Java: {@code TokenBucketRuleTests} plays the same
 * takes against both and holds them to the same answers. A bucket that is full again is the same as none, so those
 * are dropped; at most {@code capacity} buckets are kept, and a bucket not yet kept while that many are not full
 * again is not checked here ({@link Outcome#UNTRACKED}).
 */
final class LocalBuckets {

    /** What {@link #take} found: a refusal, a token from each bucket, or a bucket it has no room to keep. */
    sealed interface Outcome {

        Outcome TAKEN = new Taken();
        Outcome UNTRACKED = new Untracked();

        record Refused(Refusal refusal) implements Outcome {
        }

        record Taken() implements Outcome {
        }

        record Untracked() implements Outcome {
        }
    }

    private static final class Level {
        double tokens;
        long at;
    }

    /** While the copy is full, how often a bucket finding no room may look for full ones to drop. */
    private static final long CROWDED_SWEEP_EVERY_MS = 1_000;

    private final int capacity;
    private final Map<Bucket, Level> levels = new HashMap<>();
    private long nextSweep = Long.MIN_VALUE;

    LocalBuckets(int capacity) {
        this.capacity = capacity;
    }

    /** Takes a token from each bucket, or none; {@code now} in milliseconds, never going back. */
    synchronized Outcome take(List<Bucket> buckets, long now) {
        double[] after = new double[buckets.size()];
        long wait = 0;
        int which = 0;
        for (int i = 0; i < buckets.size(); i++) {
            Bucket bucket = buckets.get(i);
            after[i] = tokens(bucket, levels.get(bucket), now);
            if (after[i] < 1) {
                long needed = (long) Math.ceil((1 - after[i]) / rate(bucket));
                if (needed > wait) {
                    wait = needed;
                    which = i;
                }
            }
        }
        if (wait > 0) {
            return new Outcome.Refused(new Refusal(buckets.get(which), wait));
        }
        if (!roomFor(buckets, now)) {
            return Outcome.UNTRACKED;
        }
        for (int i = 0; i < buckets.size(); i++) {
            Level level = levels.computeIfAbsent(buckets.get(i), absent -> new Level());
            level.tokens = after[i] - 1;
            level.at = now;
        }
        return Outcome.TAKEN;
    }

    /**
     * Counts a take Redis allowed through this instance: each bucket gives its token even when, on this instance's
     * clock, it is a moment short of one (the two clocks see a take milliseconds apart, and a burst at the limit takes
     * every token the moment it refills). So the copy holds every token this instance's clients spent, where skipping
     * those takes would leave it a token more lenient for each; it may go a fraction of a token below empty.
     */
    synchronized void spent(List<Bucket> buckets, long now) {
        if (!roomFor(buckets, now)) {
            return;
        }
        for (Bucket bucket : buckets) {
            Level level = levels.get(bucket);
            double tokens = tokens(bucket, level, now);
            if (level == null) {
                level = new Level();
                levels.put(bucket, level);
            }
            level.tokens = tokens - 1;
            level.at = now;
        }
    }

    /** A token taken earlier goes back, up to the burst; a bucket not kept is full already. */
    synchronized void giveBack(Bucket bucket) {
        Level level = levels.get(bucket);
        if (level != null) {
            level.tokens = Math.min(bucket.limit().burst(), level.tokens + 1);
        }
    }

    /** What a bucket holds as its last take or give-back left it; empty for one not kept (full). */
    synchronized Optional<Kept> kept(Bucket bucket) {
        return Optional.ofNullable(levels.get(bucket)).map(level -> new Kept(level.tokens, level.at));
    }

    /** A bucket's tokens at the time of its last take. */
    record Kept(double tokens, long at) {
    }

    synchronized int size() {
        return levels.size();
    }

    /** Whether every bucket not kept yet fits, after dropping the full ones (at most once a second when crowded). */
    private boolean roomFor(List<Bucket> buckets, long now) {
        int missing = 0;
        for (Bucket bucket : buckets) {
            if (!levels.containsKey(bucket)) {
                missing++;
            }
        }
        if (levels.size() + missing <= capacity) {
            return true;
        }
        if (now >= nextSweep) {
            nextSweep = now + CROWDED_SWEEP_EVERY_MS;
            sweep(now);
        }
        return levels.size() + missing <= capacity;
    }

    /** Drops the buckets that are full again: they hold nothing a bucket not kept does not. */
    synchronized void sweep(long now) {
        for (Iterator<Map.Entry<Bucket, Level>> entries = levels.entrySet().iterator(); entries.hasNext(); ) {
            Map.Entry<Bucket, Level> entry = entries.next();
            if (tokens(entry.getKey(), entry.getValue(), now) >= entry.getKey().limit().burst()) {
                entries.remove();
            }
        }
    }

    /** The rule's refill: the tokens a bucket holds at {@code now}, up to its burst; a bucket not kept is full. */
    private static double tokens(Bucket bucket, Level level, long now) {
        double capacity = bucket.limit().burst();
        if (level == null) {
            return capacity;
        }
        long elapsed = Math.max(0, now - level.at);
        return Math.min(capacity, level.tokens + elapsed * rate(bucket));
    }

    private static double rate(Bucket bucket) {
        return (double) bucket.limit().permits() / bucket.limit().period().toMillis();
    }
}
