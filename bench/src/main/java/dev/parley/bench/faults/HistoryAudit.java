package dev.parley.bench.faults;

import dev.parley.bench.api.ParleyApi.StoredMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The end of a run held against what is stored: each room's history (read over HTTP, paged) and every
 * client's own ledger. Nothing acknowledged may be missing (lost), no (sender, room, clientMsgId) stored
 * twice (duplicate), no seq missing from 1 … head (gap), and each ack must name the stored seq and id.
 */
final class HistoryAudit {

    /** One send of a client's ledger; {@code ackSeq} −1 when it was never acknowledged. */
    record Sent(String clientMsgId, long ackSeq, String ackMessageId) {
    }

    /** A client's sends to one room. */
    record ClientSends(String label, String userId, String roomId, List<Sent> sends) {
    }

    /** What the audit found; {@code evidence} holds the first few findings in words. */
    record Findings(long stored, long acked, long lost, long duplicates, long gaps, long ackMismatches, long unacked,
                    long storedUnacked, Map<String, Long> headSeqs, List<String> evidence) {

        boolean holds() {
            return lost == 0 && duplicates == 0 && gaps == 0 && ackMismatches == 0 && unacked == 0 && acked > 0;
        }
    }

    private static final int EVIDENCE = 20;

    private HistoryAudit() {
    }

    static Findings audit(Map<String, List<StoredMessage>> historyByRoom, List<ClientSends> clients) {
        List<String> evidence = new ArrayList<>();
        long stored = 0;
        long duplicates = 0;
        long gaps = 0;
        Map<String, Long> heads = new HashMap<>();
        Map<String, StoredMessage> byKey = new HashMap<>();
        for (var room : historyByRoom.entrySet()) {
            long expected = 1;
            for (StoredMessage message : room.getValue()) {
                stored++;
                if (message.seq() != expected) {
                    gaps += Math.max(0, message.seq() - expected);
                    note(evidence, "room " + room.getKey() + ": seq " + message.seq() + " where " + expected + " was due");
                }
                expected = Math.max(expected, message.seq() + 1);
                StoredMessage earlier = byKey.put(key(room.getKey(), message.senderId(), message.clientMsgId()), message);
                if (earlier != null) {
                    duplicates++;
                    note(evidence, "room " + room.getKey() + ": clientMsgId " + message.clientMsgId() + " stored twice, seq "
                            + earlier.seq() + " and " + message.seq());
                }
            }
            heads.put(room.getKey(), expected - 1);
        }
        long acked = 0;
        long lost = 0;
        long mismatches = 0;
        long unacked = 0;
        long storedUnacked = 0;
        for (ClientSends client : clients) {
            for (Sent sent : client.sends()) {
                StoredMessage message = byKey.get(key(client.roomId(), client.userId(), sent.clientMsgId()));
                if (sent.ackSeq() < 0) {
                    unacked++;
                    storedUnacked += message == null ? 0 : 1;
                    note(evidence, client.label() + ": " + sent.clientMsgId() + " never acknowledged"
                            + (message == null ? ", not stored" : ", stored as seq " + message.seq()));
                    continue;
                }
                acked++;
                if (message == null) {
                    lost++;
                    note(evidence, client.label() + ": " + sent.clientMsgId() + " acked as seq " + sent.ackSeq()
                            + " but not in the history (lost)");
                } else if (message.seq() != sent.ackSeq() || !message.messageId().equals(sent.ackMessageId())) {
                    mismatches++;
                    note(evidence, client.label() + ": " + sent.clientMsgId() + " acked as seq " + sent.ackSeq() + " ("
                            + sent.ackMessageId() + "), stored as seq " + message.seq() + " (" + message.messageId() + ")");
                }
            }
        }
        return new Findings(stored, acked, lost, duplicates, gaps, mismatches, unacked, storedUnacked, heads,
                List.copyOf(evidence));
    }

    private static String key(String roomId, String senderId, String clientMsgId) {
        return roomId + '/' + senderId + '/' + clientMsgId;
    }

    private static void note(List<String> evidence, String finding) {
        if (evidence.size() < EVIDENCE) {
            evidence.add(finding);
        }
    }
}
