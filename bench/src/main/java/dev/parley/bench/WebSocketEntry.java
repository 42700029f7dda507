package dev.parley.bench;

import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Where a run's clients open their WebSocket, and what a result calls it. Clients reach Parley through
 * its public entry (api-gateway); a run straight to a ws-gateway measures a path no client takes, and its
 * result says so.
 */
public record WebSocketEntry(URI uri, String label, boolean isPublic) {

    static final String PUBLIC = "public entry (api-gateway)";

    static WebSocketEntry publicEntry(URI uri) {
        return new WebSocketEntry(uri, PUBLIC, true);
    }

    /** @param process the process connected to: {@code ws-gateway}, {@code ws-gateway#2} */
    static WebSocketEntry direct(URI uri, String process) {
        return new WebSocketEntry(uri, "direct to " + process + " (no client uses this path)", false);
    }

    /** One entry's label, or — when the members are spread over several (W4, faults with second instances) — all. */
    public static String describe(List<WebSocketEntry> entries) {
        if (entries.size() == 1) {
            return entries.getFirst().label();
        }
        return "members split over " + entries.stream().map(WebSocketEntry::label).collect(Collectors.joining(" and "));
    }
}
