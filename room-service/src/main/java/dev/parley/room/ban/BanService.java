package dev.parley.room.ban;

import dev.parley.events.room.LeaveReason;
import dev.parley.events.room.UserBanned;
import dev.parley.events.room.UserUnbanned;
import dev.parley.platform.web.ApiException;
import dev.parley.room.events.RoomEventOutbox;
import dev.parley.room.membership.Bans;
import dev.parley.room.membership.Member;
import dev.parley.room.membership.Role;
import dev.parley.room.room.LockedRoom;
import dev.parley.room.room.Rooms;
import dev.parley.room.user.UserDirectory;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/** Banning and unbanning: owner and admins, in group rooms. */
@Service
class BanService {

    private final Rooms rooms;
    private final Bans bans;
    private final UserDirectory users;
    private final RoomEventOutbox outbox;
    private final BanProperties properties;

    BanService(Rooms rooms, Bans bans, UserDirectory users, RoomEventOutbox outbox, BanProperties properties) {
        this.rooms = rooms;
        this.bans = bans;
        this.users = users;
        this.outbox = outbox;
        this.properties = properties;
    }

    /**
     * Bans a member (MemberLeft, reason {@code banned}) or, in advance, a non-member; then UserBanned. Banning a
     * user who is banned already is answered the same and changes nothing. Like a kick, it reaches only those
     * below the caller: nobody bans the owner, admins do not ban admins.
     *
     * <p>A new ban is kept forever — a row here, a UserBanned on the forever topic, an entry in every ws-gateway
     * following the room — so it must name a user who exists (a member does; anyone else is looked up in the user
     * directory, which waits for its projection as for any other unknown user: 404 {@code user_not_found}) and fit
     * within the room's bound ({@link BanProperties#maxPerRoom()}, 409 {@code too_many_bans}). Otherwise an owner
     * could ban random ids in a loop and grow all three without end.
     */
    void ban(UUID caller, UUID roomId, BanRequest request) {
        UUID userId = request.userId();
        outbox.transaction(events -> {
            LockedRoom room = rooms.lock(caller, roomId, events);
            room.requireGroup();
            room.requireManager();
            Optional<Member> member = room.member(userId);
            room.requireOutranks(member.map(Member::role).orElse(Role.MEMBER));
            if (bans.isBanned(roomId, userId)) {
                return null;
            }
            if (member.isEmpty()) {
                users.require(userId);
            }
            requireRoomForAnotherBan(roomId);
            bans.add(roomId, userId, caller, request.reason(), room.now());
            member.ifPresent(banned -> room.removeMember(banned.userId(), LeaveReason.BANNED));
            events.append(new UserBanned(roomId, userId, room.now()));
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

    /** Counted holding the room's lock, so concurrent bans cannot pass the bound together. */
    private void requireRoomForAnotherBan(UUID roomId) {
        int max = properties.maxPerRoom();
        if (bans.count(roomId, max) >= max) {
            throw new ApiException(HttpStatus.CONFLICT, "too_many_bans",
                    "This room holds " + max + " bans, the most it may; lift one before banning anyone else.");
        }
    }
}
