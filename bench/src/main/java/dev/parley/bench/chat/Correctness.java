package dev.parley.bench.chat;

import java.util.Map;

/**
 * The end-of-run check over every message and every subscription that lasted the whole run:
 * each acknowledged message reached each of its room's subscribers exactly once and in seq order.
 *
 * @param sent sends written by the bench
 * @param acked sends acknowledged (durable in PostgreSQL, contract §3)
 * @param unacked sends with neither ack nor error by the end of the drain
 * @param rejected sends answered with an error frame
 * @param seqsAckedTwice two acks carrying the same seq of a room (two messages given one seq)
 * @param duplicateAcks acks for a send already acknowledged
 * @param subscriptions subscriptions that lasted the whole run (the ones checked)
 * @param brokenSubscriptions subscriptions whose connection ended during the run (not checked: an error)
 * @param expectedDeliveries acked messages × subscribers of their room
 * @param delivered distinct acked messages received, over all checked subscriptions
 * @param lost expected deliveries that never arrived
 * @param duplicates a seq received again on the same subscription
 * @param outOfOrder a seq received after a higher one on the same subscription
 * @param unacknowledgedDeliveries received messages whose send was never acked
 * @param errors error frames by code and unexpected closes by close code
 */
public record Correctness(long sent, long acked, long unacked, long rejected, long seqsAckedTwice, long duplicateAcks,
                          int subscriptions, int brokenSubscriptions, long expectedDeliveries, long delivered,
                          long lost, long duplicates, long outOfOrder, long unacknowledgedDeliveries,
                          Map<String, Long> errors) {

    /** Everything sent was acked, every acked message reached every subscriber once, in order, and nothing failed. */
    public boolean holds() {
        return sent > 0 && acked == sent && unacked == 0 && rejected == 0 && seqsAckedTwice == 0 && duplicateAcks == 0
                && brokenSubscriptions == 0 && lost == 0 && duplicates == 0 && outOfOrder == 0
                && delivered == expectedDeliveries && errors.isEmpty();
    }

    public double deliveredPercent() {
        return expectedDeliveries == 0 ? 0 : 100.0 * delivered / expectedDeliveries;
    }
}
