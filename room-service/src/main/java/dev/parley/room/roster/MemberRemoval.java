package dev.parley.room.roster;

import dev.parley.events.room.LeaveReason;
import dev.parley.room.events.RoomEventOutbox;
import dev.parley.room.membership.Member;
import dev.parley.room.membership.Role;
import dev.parley.room.room.LockedRoom;
import dev.parley.room.room.Rooms;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Leaving a room, or kicking someone out of it. */
@Service
class MemberRemoval {

    private final Rooms rooms;
    private final RoomEventOutbox outbox;

    MemberRemoval(Rooms rooms, RoomEventOutbox outbox) {
        this.rooms = rooms;
        this.outbox = outbox;
    }

    /**
     * The caller leaves (MemberLeft {@code left}; the owner must hand over first), or an owner or admin
     * kicks a member of a lower role (MemberLeft {@code kicked}). Answers once the event is in Kafka, so
     * the subscriptions and sends of whoever left end promptly downstream.
     */
    void remove(UUID caller, UUID roomId, UUID userId) {
        outbox.transaction(events -> {
            LockedRoom room = rooms.lock(caller, roomId, events);
            room.requireGroup();
            if (userId.equals(caller)) {
                Role role = room.callerRole().orElseThrow(() -> RosterProblems.memberNotFound(userId));
                if (role == Role.OWNER) {
                    throw RosterProblems.ownerCannotLeave();
                }
                room.removeMember(caller, LeaveReason.LEFT);
            } else {
                room.requireManager();
                Member target = room.member(userId).orElseThrow(() -> RosterProblems.memberNotFound(userId));
                room.requireOutranks(target.role());
                room.removeMember(userId, LeaveReason.KICKED);
            }
            return null;
        });
    }
}
