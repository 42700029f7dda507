package dev.parley.events.room;

import java.time.Instant;
import java.util.UUID;

/** {@code kind} is {@code group} or {@code direct}; {@code visibility} is {@code public} or {@code private}. */
public record RoomCreated(UUID roomId, String kind, String name, String topic, String visibility, UUID ownerId,
                          Instant createdAt) implements RoomEvent {
}
