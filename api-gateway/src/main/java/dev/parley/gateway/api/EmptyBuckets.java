package dev.parley.gateway.api;

import dev.parley.gateway.api.TokenBuckets.Bucket;
import dev.parley.gateway.api.TokenBuckets.Refusal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The buckets Redis lately answered empty, each until the moment Redis said it would hold a token again: while one
 * is, a request that needs it is refused here without asking Redis ({@link TokenBuckets}, ADR 0037). A client that
 * keeps asking past its limit — a flood — then costs the edge no Redis round trip per request.
 * <p>
 * No bucket gains a token before that moment, whichever instance its client uses, so nothing is refused here that
 * Redis would allow, with one exception: a registration's token given back by another instance (a 503, {@link
 * EdgeRateLimits}) is not seen here until the moment passes. A token given back through this instance is. The moment is
 * counted from when the answer arrived, so it ends a round trip after Redis's own. At most {@code capacity} buckets are
 * held; the ones whose moment has passed are dropped (when full, at most once a second), and a bucket without room
 * is asked of Redis as before.
 */
final class EmptyBuckets {

    /** While full, how often a bucket finding no room may look for ones to drop. */
    private static final long CROWDED_SWEEP_EVERY_NANOS = 1_000_000_000L;

    private final Map<String, Long> refillsAt = new ConcurrentHashMap<>();
    private final AtomicLong nextCrowdedSweep = new AtomicLong(Long.MIN_VALUE); // MIN_VALUE: none yet
    private final int capacity;

    EmptyBuckets(int capacity) {
        this.capacity = capacity;
    }

    /** The refusal for the bucket among these that stays empty longest, or null when none is known to be empty. */
    Refusal refusal(List<Bucket> buckets, long nowNanos) {
        Refusal refusal = null;
        for (Bucket bucket : buckets) {
            Long at = refillsAt.get(bucket.key());
            if (at == null) {
                continue;
            }
            long left = at - nowNanos;
            if (left <= 0) {
                refillsAt.remove(bucket.key(), at);
            } else {
                long waitMs = Math.max(1, (left + 999_999) / 1_000_000);
                if (refusal == null || waitMs > refusal.retryAfterMs()) {
                    refusal = new Refusal(bucket, waitMs);
                }
            }
        }
        return refusal;
    }

    /** Redis answered the bucket empty for {@code waitMs} more milliseconds. */
    void empty(Bucket bucket, long waitMs, long nowNanos) {
        if (refillsAt.size() >= capacity) {
            long due = nextCrowdedSweep.get();
            if ((due == Long.MIN_VALUE || nowNanos - due >= 0)
                    && nextCrowdedSweep.compareAndSet(due, nowNanos + CROWDED_SWEEP_EVERY_NANOS)) {
                sweep(nowNanos);
            }
            if (refillsAt.size() >= capacity) {
                return;
            }
        }
        refillsAt.put(bucket.key(), nowNanos + waitMs * 1_000_000);
    }

    /** A token went back into the bucket through this instance. */
    void refilled(Bucket bucket) {
        refillsAt.remove(bucket.key());
    }

    /** Drops the buckets whose moment has passed. */
    void sweep(long nowNanos) {
        refillsAt.values().removeIf(at -> at - nowNanos <= 0);
    }

    int size() {
        return refillsAt.size();
    }
}
