package dev.parley.bench.faults;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One client's own record of its sends, the way a well-written client keeps it: every send by its
 * {@code clientMsgId}, in the order it was written, with the ack (seq, messageId) once one arrives.
 * What is not acked is sent again — same {@code clientMsgId}, oldest first — on every new connection,
 * after a refusal ({@code rate_limited}, {@code internal}) and when an ack is overdue. Not thread-safe:
 * its client synchronizes.
 */
final class SendLedger {

    /** How an ack compared with what the ledger already knew. */
    enum AckOutcome { FIRST, REPEATED, CONFLICTING, UNKNOWN }

    static final class Entry {
        final String clientMsgId;
        final long createdNanos;
        long transmittedNanos = -1;
        int transmittedOn = -1;
        int transmissions;
        long notBeforeNanos;
        long seq = -1;
        String messageId;
        long ackedNanos = -1;

        Entry(String clientMsgId, long createdNanos) {
            this.clientMsgId = clientMsgId;
            this.createdNanos = createdNanos;
        }

        boolean acked() {
            return seq >= 0;
        }
    }

    private final Map<String, Entry> all = new LinkedHashMap<>();
    private final Map<String, Entry> unacked = new LinkedHashMap<>();
    private long conflictingAcks;
    private long unknownAcks;
    private long overdueResends;

    void create(String clientMsgId, long nowNanos) {
        Entry entry = new Entry(clientMsgId, nowNanos);
        all.put(clientMsgId, entry);
        unacked.put(clientMsgId, entry);
    }

    /**
     * The oldest unacked send not yet written on this connection, unless it is held back (then nothing:
     * no newer send overtakes it); null when there is none. {@link #transmitted} marks it written.
     */
    Entry nextToTransmit(int connection, long nowNanos) {
        for (Entry entry : unacked.values()) {
            if (entry.transmittedOn != connection) {
                return entry.notBeforeNanos - nowNanos <= 0 ? entry : null;
            }
        }
        return null;
    }

    void transmitted(Entry entry, int connection, long nowNanos) {
        entry.transmittedOn = connection;
        entry.transmittedNanos = nowNanos;
        entry.transmissions++;
    }

    AckOutcome acked(String clientMsgId, long seq, String messageId, long nowNanos) {
        Entry entry = all.get(clientMsgId);
        if (entry == null) {
            unknownAcks++;
            return AckOutcome.UNKNOWN;
        }
        if (entry.acked()) {
            boolean same = entry.seq == seq && java.util.Objects.equals(entry.messageId, messageId);
            if (!same) {
                conflictingAcks++;
            }
            return same ? AckOutcome.REPEATED : AckOutcome.CONFLICTING;
        }
        entry.seq = seq;
        entry.messageId = messageId;
        entry.ackedNanos = nowNanos;
        unacked.remove(clientMsgId);
        return AckOutcome.FIRST;
    }

    /** The server refused this send for now: write it again on this connection, not before {@code notBeforeNanos}. */
    void refused(String clientMsgId, long notBeforeNanos) {
        Entry entry = unacked.get(clientMsgId);
        if (entry != null) {
            entry.transmittedOn = -1;
            entry.notBeforeNanos = notBeforeNanos;
        }
    }

    /** Sends written longer than {@code timeoutNanos} ago and still unacked are written again; returns how many. */
    int resendOverdue(long nowNanos, long timeoutNanos) {
        int overdue = 0;
        for (Iterator<Entry> it = unacked.values().iterator(); it.hasNext(); ) {
            Entry entry = it.next();
            if (entry.transmittedOn >= 0 && nowNanos - entry.transmittedNanos > timeoutNanos) {
                entry.transmittedOn = -1;
                overdue++;
            }
        }
        overdueResends += overdue;
        return overdue;
    }

    /** Whether this send was written by the user at or after {@code sinceNanos}. */
    boolean createdSince(String clientMsgId, long sinceNanos) {
        Entry entry = all.get(clientMsgId);
        return entry != null && entry.createdNanos - sinceNanos >= 0;
    }

    boolean isKnown(String clientMsgId) {
        return all.containsKey(clientMsgId);
    }

    int unackedCount() {
        return unacked.size();
    }

    int size() {
        return all.size();
    }

    List<Entry> entries() {
        return new ArrayList<>(all.values());
    }

    long conflictingAcks() {
        return conflictingAcks;
    }

    long unknownAcks() {
        return unknownAcks;
    }

    long overdueResends() {
        return overdueResends;
    }
}
