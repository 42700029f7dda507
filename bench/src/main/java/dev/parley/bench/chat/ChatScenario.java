package dev.parley.bench.chat;

import java.net.URI;
import java.util.List;

/**
 * The shape of a chat run: {@code rooms} rooms of {@code membersPerRoom} members, one connection per
 * member (each member a user of its own), every connection subscribed to its room, messages of about
 * {@code bodyBytes}. Member {@code m} of each room connects to {@code endpoints[m % endpoints.size()]},
 * so with two ws-gateway instances every room spans both.
 */
public record ChatScenario(String name, int rooms, int membersPerRoom, int bodyBytes, List<URI> endpoints) {

    public ChatScenario {
        if (rooms < 1 || membersPerRoom < 1 || endpoints.isEmpty()) {
            throw new IllegalArgumentException("a chat run needs rooms, members and an endpoint");
        }
        endpoints = List.copyOf(endpoints);
    }

    /** The same scenario against other endpoints (the ceiling server instead of Parley). */
    public ChatScenario withEndpoints(List<URI> others) {
        return new ChatScenario(name, rooms, membersPerRoom, bodyBytes, others);
    }

    public int connections() {
        return rooms * membersPerRoom;
    }
}
