package dev.parley.gateway.ws.session;

/**
 * The frame allowance of one connection: a token bucket ({@code sendBurst} tokens, refilled at
 * {@code sendsPerSecond}), and the rule for "repeated breaches", which close the connection with 4008.
 * A {@code send} costs a token, and so do a {@code subscribe} (contract §7), a {@code read} (each is a command
 * on Kafka) and the room-service lookup a {@code typing} in an unknown room needs; {@link ClientSession#takeAllowance}
 * is where they take it.
 *
 * <p>Each refusal asks the client to be silent for {@code retryAfterMs}. A breach begins with a refusal
 * and goes on from one silence to the next while the client sends during each of them; a client that
 * keeps one silence ends it, and its next refusal begins a new one. Only a breach that goes on for
 * {@code breachTolerance} is "repeated". So the rest of a burst that was already on its way when the
 * first {@code rate_limited} left (it breaks one silence only), or a client flushing a backlog that
 * honours {@code retryAfterMs}, is refused but never closed (contract §3); a client that ignores the
 * answers is closed once the tolerance runs out.
 * Used from the connection's own thread, but synchronized so that a test or a future caller on
 * another thread cannot corrupt it.
 */
public final class SendAllowance {

    private final double capacity;
    private final double tokensPerNano;
    private final long breachToleranceNanos;
    private double tokens;
    private long refilledAt;
    private boolean breaching;
    private long breachStarted;
    private long silentUntil;
    private boolean silenceBroken;

    /** The outcome of asking for one token. */
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
        this.breachToleranceNanos = limits.breachTolerance().toNanos();
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
        long retryAfterNanos = (long) Math.ceil((1 - tokens) / tokensPerNano);
        if (breaching && nowNanos - silentUntil < 0) {
            silenceBroken = true;
        } else {
            if (!breaching || !silenceBroken) {
                breaching = true; // the first refusal, or the client kept the last silence: a new breach
                breachStarted = nowNanos;
            }
            silenceBroken = false;
        }
        silentUntil = nowNanos + retryAfterNanos;
        long retryAfterMs = Math.max(1, (retryAfterNanos + 999_999) / 1_000_000);
        return new Refused(retryAfterMs, nowNanos - breachStarted >= breachToleranceNanos);
    }
}
