package dev.parley.events.room;

import java.time.Instant;
import java.util.UUID;

/** {@code role} is {@code owner}, {@code admin} or {@code member}. */
public record MemberJoined(UUID roomId, UUID userId, String role, Instant joinedAt) implements RoomEvent {
}
