package dev.parley.room.roster;

import java.util.UUID;

/** {@code userId} absent or the caller's own id: self-join; another user: the caller adds them. */
record JoinRequest(UUID userId) {
}
