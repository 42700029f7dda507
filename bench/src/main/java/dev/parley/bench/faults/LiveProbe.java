package dev.parley.bench.faults;

/**
 * When a client is live again after a fault: from the moment the fault's target was ready, the first ack
 * of a message the client wrote since — and the moment it is subscribed and has its room up to that
 * message's seq (its own message came back to it, with nothing missing before it).
 */
final class LiveProbe {

    private long sinceNanos = -1;
    private long freshSeq = -1;
    private long liveAtNanos = -1;

    void start(long sinceNanos) {
        this.sinceNanos = sinceNanos;
        this.freshSeq = -1;
        this.liveAtNanos = -1;
    }

    /** @param writtenSinceStart whether the acked send was written at or after the probe's start */
    void acked(long seq, boolean writtenSinceStart) {
        if (sinceNanos >= 0 && freshSeq < 0 && writtenSinceStart) {
            freshSeq = seq;
        }
    }

    void check(long nowNanos, boolean subscribed, long contiguous) {
        if (sinceNanos >= 0 && liveAtNanos < 0 && freshSeq >= 0 && subscribed && contiguous >= freshSeq) {
            liveAtNanos = nowNanos;
        }
    }

    long sinceNanos() {
        return sinceNanos;
    }

    /** When the client was live again, −1 while it is not (or no probe runs). */
    long liveAtNanos() {
        return liveAtNanos;
    }
}
