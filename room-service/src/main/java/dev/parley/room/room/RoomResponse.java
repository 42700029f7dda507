package dev.parley.room.room;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.parley.room.membership.Role;
import java.time.Instant;
import java.util.UUID;

/** The contract's Room; {@code myRole} only when the caller is a member. */
public record RoomResponse(UUID id, RoomKind kind, String name, String topic, Visibility visibility, UUID ownerId,
                           int memberCount, Instant createdAt,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Role myRole) {

    static RoomResponse of(Room room, Role myRole) {
        return new RoomResponse(room.getId(), room.kind(), room.name(), room.topic(), room.visibility(),
                room.ownerId(), room.memberCount(), room.createdAt(), myRole);
    }
}
