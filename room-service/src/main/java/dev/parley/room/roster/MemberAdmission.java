package dev.parley.room.roster;

import dev.parley.room.events.RoomEventOutbox;
import dev.parley.room.membership.Bans;
import dev.parley.room.membership.Member;
import dev.parley.room.membership.Role;
import dev.parley.room.room.LockedRoom;
import dev.parley.room.room.Rooms;
import dev.parley.room.user.UserDirectory;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Joining a room, or adding someone to it. */
@Service
class MemberAdmission {

    private final Rooms rooms;
    private final Bans bans;
    private final UserDirectory users;
    private final RoomEventOutbox outbox;

    MemberAdmission(Rooms rooms, Bans bans, UserDirectory users, RoomEventOutbox outbox) {
        this.rooms = rooms;
        this.bans = bans;
        this.users = users;
        this.outbox = outbox;
    }

    /**
     * Makes {@code userId} a member: the caller themselves (public rooms; private ones do not exist for
     * them) or, for owners and admins of a group room, any known user. Idempotent: an existing member is
     * answered as is, with no second event and no double count ({@link Joined#added()} false → 200).
     * Answers once MemberJoined is in Kafka, so the new member may subscribe and send right away.
     */
    Joined join(UUID caller, UUID roomId, UUID userId) {
        boolean self = userId.equals(caller);
        return outbox.transaction(events -> {
            LockedRoom room = rooms.lock(caller, roomId, events);
            if (!self) {
                room.requireGroup();
                room.requireManager();
            }
            Optional<Member> existing = room.member(userId);
            if (existing.isPresent()) {
                return new Joined(existing.get(), false);
            }
            if (!self) {
                users.require(userId);
            }
            if (bans.isBanned(roomId, userId)) {
                throw RosterProblems.banned(userId);
            }
            return new Joined(room.addMember(userId, Role.MEMBER), true);
        });
    }

    record Joined(Member member, boolean added) {
    }
}
