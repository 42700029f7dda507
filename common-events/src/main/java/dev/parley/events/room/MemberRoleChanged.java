package dev.parley.events.room;

import java.util.UUID;

public record MemberRoleChanged(UUID roomId, UUID userId, String role) implements RoomEvent {
}
