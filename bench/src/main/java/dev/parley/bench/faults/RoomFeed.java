package dev.parley.bench.faults;

import java.util.BitSet;

/**
 * What one client received of one room. Per subscription (one {@code subscribed} to the next, or to the
 * connection's end) the contract promises every seq after its start exactly once and in order (§3, §5.4):
 * a seq beyond the next expected one is a gap, one at or below it a duplicate. Across subscriptions —
 * and the pages a client reads over HTTP after {@code recovered:false} — the merged view must end up
 * gap-free: {@link #contiguous()} is the last seq up to which the client has everything, where it resumes.
 * Not thread-safe: its client synchronizes.
 */
final class RoomFeed {

    /** What a pushed message was to its subscription. */
    enum Arrival { IN_ORDER, GAP, DUPLICATE, NOT_SUBSCRIBED }

    private final BitSet merged = new BitSet();
    private long contiguous;
    private boolean subscribed;
    private long expectedNext;
    private int subscriptions;
    private long gaps;
    private long missingInGaps;
    private long duplicates;

    /**
     * A {@code subscribed} answer to a subscribe with {@code sinceSeq}: with {@code recovered} the backlog
     * after {@code sinceSeq} follows, otherwise only messages after {@code headSeq}.
     */
    void subscribed(long sinceSeq, long headSeq, boolean recovered) {
        subscribed = true;
        subscriptions++;
        expectedNext = (recovered ? sinceSeq : headSeq) + 1;
    }

    /** The subscription ended: unsubscribed, or its connection closed. */
    void ended() {
        subscribed = false;
    }

    Arrival message(long seq) {
        receive(seq);
        if (!subscribed) {
            return Arrival.NOT_SUBSCRIBED;
        }
        if (seq < expectedNext) {
            duplicates++;
            return Arrival.DUPLICATE;
        }
        Arrival arrival = Arrival.IN_ORDER;
        if (seq > expectedNext) {
            gaps++;
            missingInGaps += seq - expectedNext;
            arrival = Arrival.GAP;
        }
        expectedNext = seq + 1;
        return arrival;
    }

    /** A message read over HTTP (history paging): part of the merged view, of no subscription. */
    void paged(long seq) {
        receive(seq);
    }

    private void receive(long seq) {
        merged.set(Math.toIntExact(seq));
        while (merged.get(Math.toIntExact(contiguous + 1))) {
            contiguous++;
        }
    }

    long contiguous() {
        return contiguous;
    }

    boolean isSubscribed() {
        return subscribed;
    }

    /** Seqs received beyond the contiguous prefix: the merged view has a hole below them. */
    boolean hasHole() {
        return merged.length() - 1 > contiguous;
    }

    int subscriptions() {
        return subscriptions;
    }

    long gaps() {
        return gaps;
    }

    long missingInGaps() {
        return missingInGaps;
    }

    long duplicates() {
        return duplicates;
    }
}
