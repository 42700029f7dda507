package dev.parley.events.room;

import java.time.Instant;
import java.util.UUID;

/**
 * The room after a change of its name, topic or visibility: the whole room, so a consumer can show it
 * without having seen RoomCreated. {@code kind}, {@code ownerId}, {@code memberCount} and
 * {@code createdAt} were added within v1; events published before carry none of them (null).
 * {@code memberCount} is the count at the change: joins and leaves do not publish RoomUpdated.
 */
public record RoomUpdated(UUID roomId, String kind, String name, String topic, String visibility, UUID ownerId,
                          Integer memberCount, Instant createdAt, Instant updatedAt) implements RoomEvent {

    /** The first v1 shape, for producers and tests written against it. */
    public RoomUpdated(UUID roomId, String name, String topic, String visibility, Instant updatedAt) {
        this(roomId, null, name, topic, visibility, null, null, null, updatedAt);
    }
}
