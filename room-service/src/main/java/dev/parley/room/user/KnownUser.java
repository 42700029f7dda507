package dev.parley.room.user;

import java.util.UUID;

/** A user auth-service has announced. */
public record KnownUser(UUID id, String username, String displayName) {
}
