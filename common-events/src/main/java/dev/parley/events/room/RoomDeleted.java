package dev.parley.events.room;

import java.time.Instant;
import java.util.UUID;

public record RoomDeleted(UUID roomId, Instant deletedAt) implements RoomEvent {
}
