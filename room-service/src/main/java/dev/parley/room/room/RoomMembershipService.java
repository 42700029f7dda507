package dev.parley.room.room;

import dev.parley.events.room.MemberJoined;
import dev.parley.platform.web.ApiException;
import dev.parley.room.events.RoomEventOutbox;
import dev.parley.room.membership.Member;
import dev.parley.room.membership.Memberships;
import dev.parley.room.membership.Role;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/** Joining a room, or adding someone to it. */
@Service
class RoomMembershipService {

    private final RoomRepository rooms;
    private final Memberships memberships;
    private final RoomEventOutbox events;
    private final Clock clock;

    RoomMembershipService(RoomRepository rooms, Memberships memberships, RoomEventOutbox events, Clock clock) {
        this.rooms = rooms;
        this.memberships = memberships;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Makes {@code userId} a member: the caller themselves (public rooms only) or, for owners and
     * admins, anyone. Idempotent: an existing member is answered as is, with no second event and no
     * double count ({@link Joined#added()} false → 200 instead of 201).
     */
    Joined join(UUID caller, UUID roomId, UUID userId) {
        return events.transaction(() -> {
            // The row lock serializes membership changes of this room: exact memberCount, ordered events.
            Room room = rooms.findByIdForUpdate(roomId).orElseThrow(() -> RoomService.notFound(roomId));
            Optional<Role> callerRole = memberships.roleOf(roomId, caller);
            if (room.isPrivate() && callerRole.isEmpty()) {
                throw RoomService.notFound(roomId);
            }
            if (!userId.equals(caller) && !callerRole.map(Role::managesMembers).orElse(false)) {
                throw new ApiException(HttpStatus.FORBIDDEN, "forbidden", "Only owners and admins add other members.");
            }
            Optional<Member> existing = memberships.find(roomId, userId);
            if (existing.isPresent()) {
                return new Joined(existing.get(), false);
            }
            Member member = memberships.add(roomId, userId, Role.MEMBER, RoomService.now(clock));
            room.memberAdded();
            events.append(new MemberJoined(roomId, userId, member.role().wireName(), member.joinedAt()));
            return new Joined(member, true);
        });
    }

    record Joined(Member member, boolean added) {
    }
}
