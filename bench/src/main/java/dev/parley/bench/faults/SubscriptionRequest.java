package dev.parley.bench.faults;

import dev.parley.bench.ws.Frame;

/**
 * A client's subscribe on its current connection: when to ask (none yet, a gap showed, refused and its
 * backoff passed, or unanswered for {@value #TIMEOUT_SECONDS} s), from which seq, and what the answer said.
 * Not thread-safe: its client synchronizes.
 */
final class SubscriptionRequest {

    /** Where the subscription of the current connection stands. */
    enum State { NONE, ASKED, LIVE, REFUSED, NOT_RECOVERED }

    private static final long TIMEOUT_SECONDS = 15;

    private final Backoff backoff;
    private State state = State.NONE;
    private String id;
    private long sinceSeq;
    private long dueNanos;
    private long headSeq;
    private boolean gapSeen;
    private int asked;

    SubscriptionRequest(Backoff backoff) {
        this.backoff = backoff;
    }

    boolean isDue(long nowNanos) {
        return state == State.NONE || gapSeen
                || ((state == State.ASKED || state == State.REFUSED) && nowNanos - dueNanos >= 0);
    }

    /** Asks again from {@code sinceSeq}; returns the frame to write. */
    String ask(String roomId, long sinceSeq, long nowNanos) {
        this.sinceSeq = sinceSeq;
        this.id = "sub-" + ++asked;
        this.dueNanos = nowNanos + TIMEOUT_SECONDS * 1_000_000_000L;
        this.gapSeen = false;
        this.state = State.ASKED;
        return ClientFrames.subscribe(id, roomId, sinceSeq);
    }

    /** Whether this {@code subscribed} answers the request (an earlier one's answer does not). */
    boolean answeredBy(Frame subscribed) {
        if (subscribed.id() == null || !subscribed.id().equals(id)) {
            return false;
        }
        state = subscribed.recovered() ? State.LIVE : State.NOT_RECOVERED;
        headSeq = subscribed.headSeq();
        backoff.reset();
        return true;
    }

    /**
     * Whether this error answers the request; if so, ask again after a backoff (room-service down: {@code internal}),
     * and not before {@code notBeforeMs} ({@code retryAfterMs} of a {@code rate_limited}).
     */
    boolean refusedBy(String frameId, long nowNanos, long notBeforeMs) {
        if (frameId == null || !frameId.equals(id)) {
            return false;
        }
        state = State.REFUSED;
        dueNanos = nowNanos + Math.max(backoff.next().toMillis(), notBeforeMs) * 1_000_000L;
        return true;
    }

    /** A gap on the live subscription: a client resubscribes from the last seq it has contiguously. */
    void gap() {
        gapSeen = true;
    }

    /** No subscription: a new connection, its close, or left to page over HTTP. */
    void none() {
        state = State.NONE;
    }

    State state() {
        return state;
    }

    long sinceSeq() {
        return sinceSeq;
    }

    /** The {@code headSeq} of the last answer: after {@code recovered:false}, page up to it. */
    long headSeq() {
        return headSeq;
    }
}
