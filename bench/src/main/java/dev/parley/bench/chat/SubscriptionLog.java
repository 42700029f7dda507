package dev.parley.bench.chat;

import java.util.BitSet;

/**
 * What one subscription (a connection following a room) received, checked as it arrives: every
 * {@code seq} once and in order. Kept as a bit per seq, so loss is found at the end by comparing with
 * the room's acknowledged seqs. Only the connection's event-loop thread records; the end reads.
 */
final class SubscriptionLog {

    private final int room;
    private final BitSet received = new BitSet();
    private long baseSeq = -1;
    private long lastSeq;
    private long unique;
    private long duplicates;
    private long outOfOrder;
    private long beforeSubscribe;
    private volatile boolean broken;

    SubscriptionLog(int room) {
        this.room = room;
    }

    int room() {
        return room;
    }

    /** The room's headSeq when the subscription was confirmed: what came before is not expected. */
    synchronized void subscribed(long headSeq) {
        baseSeq = headSeq;
        lastSeq = Math.max(lastSeq, headSeq);
    }

    synchronized boolean isSubscribed() {
        return baseSeq >= 0;
    }

    /** @return whether this seq is new to the subscription */
    synchronized boolean record(long seq) {
        if (baseSeq >= 0 && seq <= baseSeq) {
            beforeSubscribe++;
            return false;
        }
        int index = Math.toIntExact(seq);
        if (received.get(index)) {
            duplicates++;
            return false;
        }
        received.set(index);
        unique++;
        if (seq < lastSeq) {
            outOfOrder++;
        }
        lastSeq = Math.max(lastSeq, seq);
        return true;
    }

    /** The connection ended before the run did: this subscription did not last the whole run. */
    void broken() {
        broken = true;
    }

    boolean isBroken() {
        return broken;
    }

    synchronized long unique() {
        return unique;
    }

    /** Acknowledged seqs (after the subscription's base) that never arrived. */
    synchronized long lost(BitSet acked) {
        BitSet missing = (BitSet) acked.clone();
        missing.clear(0, (int) Math.max(0, baseSeq + 1));
        missing.andNot(received);
        return missing.cardinality();
    }

    /** Seqs that arrived without an ack for them (a send that was persisted but not acknowledged). */
    synchronized long unacknowledged(BitSet acked) {
        BitSet extra = (BitSet) received.clone();
        extra.andNot(acked);
        return extra.cardinality();
    }

    synchronized long duplicates() {
        return duplicates;
    }

    synchronized long outOfOrder() {
        return outOfOrder;
    }

    synchronized long beforeSubscribe() {
        return beforeSubscribe;
    }
}
