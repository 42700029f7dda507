package dev.parley.gateway.ws.membership;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What this instance knows about one room: whether it is public, whether it was deleted, and the
 * standing of the users it has heard of. Each fact carries the version (a gateway-wide counter) at
 * which it was learned: a room-service answer counts from the moment it was asked for, so an event
 * processed while the call was under way is newer and wins.
 */
final class RoomKnowledge {

    private static final String NOT_A_MEMBER = "";
    /** Banned: the room does not exist for the user, public or not. */
    private static final String BANNED = "\0banned";

    private final Map<UUID, Fact<String>> roles = new HashMap<>();
    private Fact<Boolean> publicRoom = new Fact<>(false, 0);
    private boolean deleted;
    private volatile long lastUsedNanos = System.nanoTime();

    synchronized void learnVisibility(String visibility, long version) {
        if (visibility != null && version > publicRoom.version()) {
            publicRoom = new Fact<>("public".equals(visibility), version);
        }
    }

    /** {@code role} is {@code null} for a non-member. */
    synchronized void learnRole(UUID userId, String role, long version) {
        Fact<String> known = roles.get(userId);
        if (known == null || version > known.version()) {
            roles.put(userId, new Fact<>(role == null ? NOT_A_MEMBER : role, version));
        }
    }

    synchronized void learnBanned(UUID userId, long version) {
        learnRole(userId, BANNED, version);
    }

    /**
     * room-service answered 404 to the user. In a room known to be public that can only mean a ban
     * (contract §7): the room stays public for everyone else. Otherwise the room is private (or gone)
     * and the user not a member.
     */
    synchronized void learnNotFound(UUID userId, long version) {
        if (publicRoom.value()) {
            learnBanned(userId, version);
        } else {
            learnVisibility("private", version);
            learnRole(userId, null, version);
        }
    }

    synchronized void learnDeleted() {
        deleted = true;
        roles.clear();
    }

    /** The user's access, or {@code null} when nothing is known about the user here. */
    synchronized Access accessOf(UUID userId) {
        touch();
        if (deleted) {
            return Access.NOT_FOUND;
        }
        Fact<String> role = roles.get(userId);
        if (role == null) {
            return null;
        }
        if (role.value().equals(BANNED)) {
            return Access.NOT_FOUND;
        }
        return new Access(role.value().equals(NOT_A_MEMBER) ? null : role.value(), publicRoom.value(), true);
    }

    synchronized boolean isPublic() {
        return !deleted && publicRoom.value();
    }

    void touch() {
        lastUsedNanos = System.nanoTime();
    }

    long lastUsedNanos() {
        return lastUsedNanos;
    }

    private record Fact<T>(T value, long version) {
    }
}
