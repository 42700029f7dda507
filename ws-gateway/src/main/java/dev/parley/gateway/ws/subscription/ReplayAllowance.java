package dev.parley.gateway.ws.subscription;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * How many backlog messages the resumes of one user may replay on this instance: a token bucket per user, counted
 * in messages ({@code replay-burst}, refilled at {@code replay-per-second}), shared by all of the user's connections
 * here (ADR 0036).
 *
 * <p>A {@code subscribe} costs one token of its connection's frame allowance, but a resume replays up to the
 * recovery limit — ten pages of history from message-service and a thousand pushes. Without this a user's ten
 * connections, each at the frame allowance, could ask for 100,000 messages a second (the gateway served ~12,000 a
 * second, stop 72). A resume whose backlog this bucket
 * cannot cover yet is refused {@code rate_limited} with the wait until it can; the subscription it would have
 * replaced carries on, and nothing of the backlog is lost: the client resumes after {@code retryAfterMs}. Until that
 * wait is over every resume of the user is refused before anything is looked up ({@link #waitLeft}): measured, the
 * head reads and room lookups of the refused resumes cost more than the replays the allowance let through.
 *
 * <p>A bucket that has refilled to the brim is the same as none, so it is dropped whenever the map has grown to
 * twice what the last sweep left: what is kept is bounded by the users replaying now.
 */
@Component
class ReplayAllowance {

    private static final int LEAST_SWEEP = 1024;

    private final double capacity;
    private final double perNano;
    private final Map<UUID, Bucket> buckets = new ConcurrentHashMap<>();
    private volatile int sweepAt = LEAST_SWEEP;

    @Autowired
    ReplayAllowance(SubscriptionProperties properties) {
        this(properties.replayBurst(), properties.replayPerSecond());
    }

    ReplayAllowance(int burst, double perSecond) {
        this.capacity = burst;
        this.perNano = perSecond / 1e9;
    }

    /**
     * Takes {@code messages} from the user's bucket if it holds them.
     *
     * @return 0 when the backlog may be replayed now; otherwise the milliseconds until the bucket will hold it
     */
    long take(UUID user, long messages, long nowNanos) {
        long[] waitMs = {0};
        buckets.compute(user, (key, bucket) -> {
            Bucket current = bucket == null ? new Bucket(capacity, nowNanos) : bucket;
            if (nowNanos - current.quietUntil < 0) {
                waitMs[0] = millisUntil(current.quietUntil, nowNanos);
                return current;
            }
            current.refill(nowNanos, capacity, perNano);
            if (current.tokens >= messages) {
                current.tokens -= messages;
            } else {
                long waitNanos = (long) Math.ceil((messages - current.tokens) / perNano);
                current.quietUntil = nowNanos + waitNanos;
                waitMs[0] = millisUntil(current.quietUntil, nowNanos);
            }
            return current;
        });
        if (buckets.size() >= sweepAt) {
            sweep(nowNanos);
        }
        return waitMs[0];
    }

    /**
     * Before anything is looked up for a resume: the milliseconds left of the wait the user's last refused resume was
     * given, 0 when there is none. Every resume of the user is refused until that wait is over, whatever its backlog:
     * the contract asks the client to keep it (§3), and once it is over the allowance holds what was refused. So a
     * client that resumes during it costs a token of its frame allowance and nothing else.
     */
    long waitLeft(UUID user, long nowNanos) {
        Bucket bucket = buckets.get(user);
        long quietUntil = bucket == null ? nowNanos : bucket.quietUntil;
        return nowNanos - quietUntil < 0 ? millisUntil(quietUntil, nowNanos) : 0;
    }

    private static long millisUntil(long untilNanos, long nowNanos) {
        return Math.max(1, (untilNanos - nowNanos + 999_999) / 1_000_000);
    }

    /** Users with a bucket kept (tests). */
    int kept() {
        return buckets.size();
    }

    private synchronized void sweep(long nowNanos) {
        for (UUID user : buckets.keySet()) {
            buckets.computeIfPresent(user, (key, bucket) -> {
                bucket.refill(nowNanos, capacity, perNano);
                return bucket.tokens >= capacity ? null : bucket;
            });
        }
        sweepAt = Math.max(LEAST_SWEEP, buckets.size() * 2);
    }

    /** Changed only inside the map's compute for its key; {@code quietUntil} is also read outside it. */
    private static final class Bucket {

        private double tokens;
        private long refilledAt;
        private volatile long quietUntil;

        Bucket(double tokens, long nowNanos) {
            this.tokens = tokens;
            this.refilledAt = nowNanos;
            this.quietUntil = nowNanos;
        }

        void refill(long nowNanos, double capacity, double perNano) {
            if (nowNanos - refilledAt > 0) {
                tokens = Math.min(capacity, tokens + (nowNanos - refilledAt) * perNano);
                refilledAt = nowNanos;
            }
        }
    }
}
