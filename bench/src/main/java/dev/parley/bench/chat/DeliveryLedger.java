package dev.parley.bench.chat;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The run's books: every send until its ack (or rejection), each room's acknowledged seqs, every
 * subscription's log, and the errors seen — per phase where a workload needs to judge a phase alone.
 */
final class DeliveryLedger {

    static final int MAX_PHASES = 256;

    record Pending(int room, int phase, long intendedNanos) {
    }

    private final BitSet[] ackedSeqs;
    private final List<List<SubscriptionLog>> subscriptions = new ArrayList<>();
    private final ConcurrentHashMap<String, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLongArray sent = new AtomicLongArray(MAX_PHASES);
    private final AtomicLongArray acked = new AtomicLongArray(MAX_PHASES);
    private final AtomicLongArray failed = new AtomicLongArray(MAX_PHASES);
    private final LongAdder deliveries = new LongAdder();
    private final LongAdder otherPushes = new LongAdder();
    private final LongAdder duplicateAcks = new LongAdder();
    private final LongAdder seqsAckedTwice = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

    DeliveryLedger(int rooms) {
        ackedSeqs = new BitSet[rooms];
        for (int room = 0; room < rooms; room++) {
            ackedSeqs[room] = new BitSet();
            subscriptions.add(new ArrayList<>());
        }
    }

    SubscriptionLog subscription(int room) {
        SubscriptionLog log = new SubscriptionLog(room);
        synchronized (subscriptions) {
            subscriptions.get(room).add(log);
        }
        return log;
    }

    void sent(String clientMsgId, int room, int phase, long intendedNanos) {
        pending.put(clientMsgId, new Pending(room, phase, intendedNanos));
        sent.incrementAndGet(phase);
    }

    /** The ack of a send: its pending entry, or null for an ack nobody waits for (a duplicate). */
    Pending acked(String clientMsgId, long seq) {
        Pending send = pending.remove(clientMsgId);
        if (send == null) {
            duplicateAcks.increment();
            return null;
        }
        acked.incrementAndGet(send.phase());
        BitSet seqs = ackedSeqs[send.room()];
        synchronized (seqs) {
            if (seqs.get(Math.toIntExact(seq))) {
                seqsAckedTwice.increment();
            }
            seqs.set(Math.toIntExact(seq));
        }
        return send;
    }

    /** An error frame: for one of our sends (its id is the clientMsgId) it ends that send. */
    void error(String code, String id) {
        errors.computeIfAbsent(code == null ? "unknown" : code, c -> new LongAdder()).increment();
        Pending send = id == null ? null : pending.remove(id);
        if (send != null) {
            failed.incrementAndGet(send.phase());
        }
    }

    /** A connection closed by the server or lost (not by the bench). */
    void closed(int code) {
        errors.computeIfAbsent("close " + code, c -> new LongAdder()).increment();
    }

    void delivered() {
        deliveries.increment();
    }

    void otherPush() {
        otherPushes.increment();
    }

    /** Frames other than messages, acks and answers received so far (presence and membership pushes). */
    long otherPushes() {
        return otherPushes.sum();
    }

    long sent(int phase) {
        return sent.get(phase);
    }

    long acked(int phase) {
        return acked.get(phase);
    }

    long failed(int phase) {
        return failed.get(phase);
    }

    long sentTotal() {
        return sum(sent);
    }

    long ackedTotal() {
        return sum(acked);
    }

    long deliveries() {
        return deliveries.sum();
    }

    int pendingCount() {
        return pending.size();
    }

    /** Sends of this phase still waiting for their ack. */
    long pending(int phase) {
        return pending.values().stream().filter(p -> p.phase() == phase).count();
    }

    long errorCount() {
        return errors.values().stream().mapToLong(LongAdder::sum).sum();
    }

    Map<String, Long> errors() {
        Map<String, Long> counts = new TreeMap<>();
        errors.forEach((code, count) -> counts.put(code, count.sum()));
        return counts;
    }

    /** Deliveries still expected: each room's acked seqs times its unbroken subscriptions, minus what arrived. */
    long outstandingDeliveries() {
        long outstanding = 0;
        for (int room = 0; room < ackedSeqs.length; room++) {
            long ackedInRoom;
            synchronized (ackedSeqs[room]) {
                ackedInRoom = ackedSeqs[room].cardinality();
            }
            for (SubscriptionLog log : subscriptionsOf(room)) {
                if (!log.isBroken()) {
                    outstanding += Math.max(0, ackedInRoom - log.unique());
                }
            }
        }
        return outstanding;
    }

    Correctness check() {
        long expected = 0;
        long unique = 0;
        long lost = 0;
        long duplicates = 0;
        long outOfOrder = 0;
        long unacknowledged = 0;
        int broken = 0;
        int followed = 0;
        for (int room = 0; room < ackedSeqs.length; room++) {
            BitSet acks;
            synchronized (ackedSeqs[room]) {
                acks = (BitSet) ackedSeqs[room].clone();
            }
            for (SubscriptionLog log : subscriptionsOf(room)) {
                duplicates += log.duplicates();
                outOfOrder += log.outOfOrder();
                if (log.isBroken()) {
                    broken++;
                    continue;
                }
                followed++;
                expected += acks.cardinality();
                unique += log.unique() - log.unacknowledged(acks);
                lost += log.lost(acks);
                unacknowledged += log.unacknowledged(acks);
            }
        }
        return new Correctness(sentTotal(), ackedTotal(), pendingCount(), sum(failed), seqsAckedTwice.sum(),
                duplicateAcks.sum(), followed, broken, expected, unique, lost, duplicates, outOfOrder, unacknowledged,
                errors());
    }

    private List<SubscriptionLog> subscriptionsOf(int room) {
        synchronized (subscriptions) {
            return List.copyOf(subscriptions.get(room));
        }
    }

    private static long sum(AtomicLongArray counts) {
        long total = 0;
        for (int i = 0; i < counts.length(); i++) {
            total += counts.get(i);
        }
        return total;
    }
}
