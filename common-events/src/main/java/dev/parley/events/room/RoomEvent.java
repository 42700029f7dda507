package dev.parley.events.room;

import dev.parley.events.ParleyEvent;
import java.util.UUID;

/** Events on {@code parley.room-events.v1}, keyed by room id, kept forever (replayable). */
public sealed interface RoomEvent extends ParleyEvent
        permits RoomCreated, RoomUpdated, RoomDeleted, MemberJoined, MemberLeft, MemberRoleChanged, UserBanned,
        UserUnbanned {

    UUID roomId();

    @Override
    default String key() {
        return roomId().toString();
    }
}
