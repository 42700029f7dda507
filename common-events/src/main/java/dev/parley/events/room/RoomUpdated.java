package dev.parley.events.room;

import java.time.Instant;
import java.util.UUID;

public record RoomUpdated(UUID roomId, String name, String topic, String visibility, Instant updatedAt)
        implements RoomEvent {
}
