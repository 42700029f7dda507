package dev.parley.room.membership;

import java.time.Instant;
import java.util.UUID;

/** A member of a room as the contract shows it: {@code {userId, role, joinedAt}}. */
public record Member(UUID userId, Role role, Instant joinedAt) {
}
