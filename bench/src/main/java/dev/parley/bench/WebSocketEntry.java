package dev.parley.bench;

import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Where a run's clients open their WebSocket, and what a result calls it. Clients reach Parley through
 * its public entry (api-gateway); a run straight to a ws-gateway measures a path no client takes, and its
 * result says so.
 *
 * @param socketPeer the process a client's connection ends at once it is a WebSocket: the edge when it
 *                   relays, ws-gateway when the edge handed the connection over (ADR 0023) or when connected
 *                   directly — a kill -9 of that process may drop the connection without a close frame
 */
public record WebSocketEntry(URI uri, String label, boolean isPublic, String socketPeer) {

    static final String PUBLIC = "public entry (api-gateway)";

    /** @param handedOver whether the edge hands {@code /ws} connections to ws-gateway rather than relaying them */
    static WebSocketEntry publicEntry(URI uri, boolean handedOver) {
        return handedOver
                ? new WebSocketEntry(uri, PUBLIC + ", /ws handed over to ws-gateway", true, "ws-gateway")
                : new WebSocketEntry(uri, PUBLIC + ", /ws relayed", true, "api-gateway");
    }

    /** @param process the process connected to: {@code ws-gateway}, {@code ws-gateway#2} */
    static WebSocketEntry direct(URI uri, String process) {
        return new WebSocketEntry(uri, "direct to " + process + " (no client uses this path)", false, process);
    }

    /** One entry's label, or — when the members are spread over several (W4, faults with second instances) — all. */
    public static String describe(List<WebSocketEntry> entries) {
        if (entries.size() == 1) {
            return entries.getFirst().label();
        }
        return "members split over " + entries.stream().map(WebSocketEntry::label).collect(Collectors.joining(" and "));
    }
}
