package dev.parley.gateway.ws.session;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The send rate limit of one connection: a token bucket ({@code sendBurst} tokens, refilled at
 * {@code sendsPerSecond}), and a count of recent breaches — "repeated" breaches, which close the
 * connection with 4008, are {@code breachesBeforeClose} refusals within {@code breachWindow}.
 * Used from the connection's own thread, but synchronized so that a test or a future caller on
 * another thread cannot corrupt it.
 */
public final class SendAllowance {

    private final double capacity;
    private final double tokensPerNano;
    private final int breachesBeforeClose;
    private final long breachWindowNanos;
    private final Deque<Long> breaches = new ArrayDeque<>();
    private double tokens;
    private long refilledAt;

    /** The outcome of asking for one send. */
    public sealed interface Verdict {
    }

    public record Allowed() implements Verdict {
    }

    /** {@code repeated}: this refusal is one too many, the connection is to be closed. */
    public record Refused(long retryAfterMs, boolean repeated) implements Verdict {
    }

    SendAllowance(LimitProperties limits, long nowNanos) {
        this.capacity = limits.sendBurst();
        this.tokensPerNano = limits.sendsPerSecond() / 1e9;
        this.breachesBeforeClose = limits.breachesBeforeClose();
        this.breachWindowNanos = limits.breachWindow().toNanos();
        this.tokens = capacity;
        this.refilledAt = nowNanos;
    }

    public synchronized Verdict take(long nowNanos) {
        tokens = Math.min(capacity, tokens + (nowNanos - refilledAt) * tokensPerNano);
        refilledAt = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return new Allowed();
        }
        while (!breaches.isEmpty() && nowNanos - breaches.peekFirst() > breachWindowNanos) {
            breaches.removeFirst();
        }
        breaches.addLast(nowNanos);
        long retryAfterMs = (long) Math.ceil((1 - tokens) / tokensPerNano / 1e6);
        return new Refused(retryAfterMs, breaches.size() >= breachesBeforeClose);
    }
}
