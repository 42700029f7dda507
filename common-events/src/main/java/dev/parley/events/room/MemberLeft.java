package dev.parley.events.room;

import java.time.Instant;
import java.util.UUID;

/** {@code reason} is a {@link LeaveReason}'s wire name: {@code left}, {@code kicked} or {@code banned}. */
public record MemberLeft(UUID roomId, UUID userId, String reason, Instant leftAt) implements RoomEvent {
}
