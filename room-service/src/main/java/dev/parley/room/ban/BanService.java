package dev.parley.room.ban;

import dev.parley.room.events.RoomEventOutbox;
import dev.parley.room.membership.Member;
import dev.parley.room.membership.Role;
import dev.parley.room.room.LeaveReason;
import dev.parley.room.room.LockedRoom;
import dev.parley.room.room.Rooms;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Banning and unbanning: owner and admins, in group rooms. */
@Service
class BanService {

    private final Rooms rooms;
    private final Bans bans;
    private final RoomEventOutbox outbox;

    BanService(Rooms rooms, Bans bans, RoomEventOutbox outbox) {
        this.rooms = rooms;
        this.bans = bans;
        this.outbox = outbox;
    }

    /**
     * Bans a member (MemberLeft, reason {@code banned}) or, in advance, a non-member. Like a kick, it
     * reaches only those below the caller: nobody bans the owner, admins do not ban admins.
     */
    void ban(UUID caller, UUID roomId, BanRequest request) {
        outbox.transaction(events -> {
            LockedRoom room = rooms.lock(caller, roomId, events);
            room.requireGroup();
            room.requireManager();
            Optional<Member> member = room.member(request.userId());
            room.requireOutranks(member.map(Member::role).orElse(Role.MEMBER));
            bans.add(roomId, request.userId(), caller, request.reason(), room.now());
            member.ifPresent(banned -> room.removeMember(banned.userId(), LeaveReason.BANNED));
            return null;
        });
    }

    /** Lifting a ban that does not exist is no error. The user may then join again; nothing is published. */
    void unban(UUID caller, UUID roomId, UUID userId) {
        outbox.transaction(events -> {
            LockedRoom room = rooms.lock(caller, roomId, events);
            room.requireGroup();
            room.requireManager();
            bans.remove(roomId, userId);
            return null;
        });
    }
}
