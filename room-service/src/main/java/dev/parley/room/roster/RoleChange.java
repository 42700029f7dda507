package dev.parley.room.roster;

import dev.parley.room.events.RoomEventOutbox;
import dev.parley.room.membership.Member;
import dev.parley.room.membership.Role;
import dev.parley.room.room.LockedRoom;
import dev.parley.room.room.Rooms;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** The owner sets members' roles, and hands the room over by giving another member the owner role. */
@Service
class RoleChange {

    private final Rooms rooms;
    private final RoomEventOutbox outbox;

    RoleChange(Rooms rooms, RoomEventOutbox outbox) {
        this.rooms = rooms;
        this.outbox = outbox;
    }

    /**
     * {@code admin} or {@code member}: MemberRoleChanged. {@code owner}: the member becomes the owner and
     * the caller an admin (two MemberRoleChanged, the caller's first). The owner cannot step down without
     * naming a successor (409 {@code owner_cannot_leave}). Setting the current role changes nothing.
     */
    Member change(UUID caller, UUID roomId, UUID userId, Role role) {
        return outbox.transaction(events -> {
            LockedRoom room = rooms.lock(caller, roomId, events);
            room.requireGroup();
            room.requireOwner();
            Member target = room.member(userId).orElseThrow(() -> RosterProblems.memberNotFound(userId));
            if (target.role() == role) {
                return target;
            }
            if (userId.equals(caller)) {
                throw RosterProblems.ownerCannotLeave();
            }
            return role == Role.OWNER ? room.handOverTo(userId) : room.changeRole(userId, role);
        });
    }
}
