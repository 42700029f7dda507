package dev.parley.events.room;

import java.time.Instant;
import java.util.UUID;

/**
 * The user may neither join nor read the room until the ban is lifted. A member who is banned first
 * leaves ({@link MemberLeft} {@code banned}, just before this); a non-member can be banned in advance.
 * Banning a user who is banned already publishes nothing.
 */
public record UserBanned(UUID roomId, UUID userId, Instant bannedAt) implements RoomEvent {
}
