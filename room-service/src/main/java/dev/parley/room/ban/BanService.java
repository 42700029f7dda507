package dev.parley.room.ban;

import dev.parley.events.room.UserBanned;
import dev.parley.events.room.UserUnbanned;
import dev.parley.room.events.RoomEventOutbox;
import dev.parley.room.membership.Bans;
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
     * Bans a member (MemberLeft, reason {@code banned}) or, in advance, a non-member; then UserBanned,
     * unless the user was banned already. Like a kick, it reaches only those below the caller: nobody
     * bans the owner, admins do not ban admins.
     */
    void ban(UUID caller, UUID roomId, BanRequest request) {
        outbox.transaction(events -> {
            LockedRoom room = rooms.lock(caller, roomId, events);
            room.requireGroup();
            room.requireManager();
            Optional<Member> member = room.member(request.userId());
            room.requireOutranks(member.map(Member::role).orElse(Role.MEMBER));
            boolean added = bans.add(roomId, request.userId(), caller, request.reason(), room.now());
            member.ifPresent(banned -> room.removeMember(banned.userId(), LeaveReason.BANNED));
            if (added) {
                events.append(new UserBanned(roomId, request.userId(), room.now()));
            }
            return null;
        });
    }

    /** Lifting a ban that does not exist is no error (and publishes nothing). The user may then join again. */
    void unban(UUID caller, UUID roomId, UUID userId) {
        outbox.transaction(events -> {
            LockedRoom room = rooms.lock(caller, roomId, events);
            room.requireGroup();
            room.requireManager();
            if (bans.remove(roomId, userId)) {
                events.append(new UserUnbanned(roomId, userId, room.now()));
            }
            return null;
        });
    }
}
