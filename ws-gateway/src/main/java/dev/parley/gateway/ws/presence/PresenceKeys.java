package dev.parley.gateway.ws.presence;

import java.util.UUID;

/**
 * The Redis keys of presence. They share the hash tag {@code {presence}}, so the Lua scripts that
 * touch several of them stay on one slot of a Redis Cluster.
 */
public final class PresenceKeys {

    static final String CONNECTIONS_PREFIX = "parley:{presence}:conn:";
    static final String ROOMS_PREFIX = "parley:{presence}:rooms:";
    static final String ONLINE = "parley:{presence}:online";
    private static final String MEMBERS_PREFIX = "parley:{presence}:members:";

    private PresenceKeys() {
    }

    /** Sorted set of a user's connections, {@code <gatewayId>/<sessionId>} scored by expiry (ms). */
    public static String connections(UUID userId) {
        return CONNECTIONS_PREFIX + userId;
    }

    /** Sorted set of online users, scored by the latest expiry of their connections (ms). */
    public static String online() {
        return ONLINE;
    }

    /** Set of the rooms a user is known to be a member of (the roster, by user). */
    public static String rooms(UUID userId) {
        return ROOMS_PREFIX + userId;
    }

    /** Set of a room's known members (the roster, by room). */
    public static String members(UUID roomId) {
        return MEMBERS_PREFIX + roomId;
    }
}
