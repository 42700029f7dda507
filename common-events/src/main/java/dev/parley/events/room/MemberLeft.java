package dev.parley.events.room;

import java.time.Instant;
import java.util.UUID;

/** {@code reason} is {@code left}, {@code kicked} or {@code banned}. */
public record MemberLeft(UUID roomId, UUID userId, String reason, Instant leftAt) implements RoomEvent {
}
