package dev.parley.gateway.ws.session;

/**
 * The frame allowance of one connection: a token bucket ({@code sendBurst} tokens, refilled at
 * {@code sendsPerSecond}), and the rule for "repeated breaches", which close the connection with 4008.
 * A {@code send} costs a token, and so do a {@code subscribe} (contract §7), a {@code read} (each is a command
 * on Kafka) and the room-service lookup a {@code typing} in an unknown room needs; {@link ClientSession#takeAllowance}
 * is where they take it.
 *
 * <p>The client is judged by when its frames came in ({@link FrameArrival}), not by when the gateway got round to
 * them: frames that waited behind the connection's work (a send held up by a Kafka outage, a starved machine) draw on
 * the tokens of the time they came in, as the client's own count of them did. Frames that waited in the socket while
 * reading from the connection paused came in at times nobody knows; the client may have sent them at its sustained
 * rate all through the pause, so they draw on what refilled meanwhile without the bucket's cap.
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

    public synchronized Verdict take(FrameArrival arrival) {
        long cameIn = arrival.readAt();
        if (arrival.since() - refilledAt > 0) {
            tokens = Math.min(capacity, tokens + (arrival.since() - refilledAt) * tokensPerNano);
            refilledAt = arrival.since();
        }
        if (cameIn - refilledAt > 0) { // the time it may have waited in the socket, if any
            tokens += (cameIn - refilledAt) * tokensPerNano;
            refilledAt = cameIn;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return new Allowed();
        }
        long retryAfterNanos = (long) Math.ceil((1 - tokens) / tokensPerNano);
        if (breaching && cameIn - silentUntil < 0) {
            silenceBroken = true;
        } else {
            if (!breaching || !silenceBroken) {
                breaching = true; // the first refusal, or the client kept the last silence: a new breach
                breachStarted = cameIn;
            }
            silenceBroken = false;
        }
        silentUntil = cameIn + retryAfterNanos;
        long retryAfterMs = Math.max(1, (retryAfterNanos + 999_999) / 1_000_000);
        return new Refused(retryAfterMs, cameIn - breachStarted >= breachToleranceNanos);
    }
}
