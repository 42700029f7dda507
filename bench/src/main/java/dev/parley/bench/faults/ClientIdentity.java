package dev.parley.bench.faults;

import dev.parley.bench.api.BenchUser;
import java.net.URI;

/**
 * Who a client is and where it connects: its user, its room, and its WebSocket endpoint — the public
 * entry (api-gateway) or, with {@code --second-instances}, ws-gateway#2 directly ({@code peer} names the
 * process its socket goes to: that one's kill may drop it without a close frame).
 */
record ClientIdentity(int index, BenchUser user, int room, String roomId, URI endpoint, String peer) {

    String label() {
        return "client " + index + " (room " + room + ", via " + peer + ")";
    }

    /** Unique per client; the rooms are new in every run, so (sender, room, clientMsgId) is too. */
    String clientMsgIdPrefix() {
        return "c" + index;
    }
}
