package dev.parley.bench.faults;

/**
 * The client's side of the contract's send allowance (§3: 10 sends/s per connection, burst 20): a token
 * bucket that starts full on every connection, and silence for {@code retryAfterMs} after a
 * {@code rate_limited}. A {@code subscribe} takes a token too (§7: it counts against the frame allowance).
 * A client that keeps to it may be refused now and then (its frames arrive bunched), but is never closed 4008.
 */
final class SendAllowance {

    private final double capacity;
    private final double tokensPerNano;
    private double tokens;
    private long refilledAt;
    private long silentUntil;

    SendAllowance(double perSecond, int burst, long nowNanos) {
        this.capacity = burst;
        this.tokensPerNano = perSecond / 1e9;
        newConnection(nowNanos);
    }

    /** The server's allowance is per connection: a new one starts full. */
    void newConnection(long nowNanos) {
        tokens = capacity;
        refilledAt = nowNanos;
        silentUntil = nowNanos;
    }

    boolean tryTake(long nowNanos) {
        if (nowNanos - silentUntil < 0) {
            return false;
        }
        tokens = Math.min(capacity, tokens + (nowNanos - refilledAt) * tokensPerNano);
        refilledAt = nowNanos;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }

    /** The server said {@code rate_limited}: nothing at all until {@code retryAfterMs} has passed, and an empty bucket. */
    void rateLimited(long nowNanos, long retryAfterMs) {
        silentUntil = nowNanos + Math.max(1, retryAfterMs) * 1_000_000L;
        tokens = 0;
        refilledAt = silentUntil;
    }
}
