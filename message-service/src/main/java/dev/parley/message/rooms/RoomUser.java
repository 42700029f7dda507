package dev.parley.message.rooms;

import java.util.UUID;

/** A user in a room: the key of access checks and read markers. */
public record RoomUser(UUID roomId, UUID userId) {
}
