package dev.parley.room.room;

import dev.parley.events.ErrorCode;
import dev.parley.events.room.RoomCreated;
import dev.parley.platform.web.ApiException;
import dev.parley.room.events.RoomEvents;
import dev.parley.room.membership.Bans;
import dev.parley.room.membership.Memberships;
import dev.parley.room.membership.Role;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rooms as the other features see them. The one rule applied here for everyone: a private room
 * does not exist for a non-member — every operation answers 404 {@code room_not_found}, like an unknown id.
 * Nor can a banned user read a room, public or not ({@link #view}).
 */
@Component
public class Rooms {

    private final RoomRepository rooms;
    private final Memberships memberships;
    private final Bans bans;
    private final Clock clock;

    Rooms(RoomRepository rooms, Memberships memberships, Bans bans, Clock clock) {
        this.rooms = rooms;
        this.memberships = memberships;
        this.bans = bans;
        this.clock = clock;
    }

    /**
     * The room as the caller sees it; 404 when it does not exist for them: also for a banned user
     * (contract §7), which is what ws-gateway's subscribe asks.
     */
    @Transactional(readOnly = true)
    public RoomResponse view(UUID caller, UUID roomId) {
        Room room = rooms.findById(roomId).orElseThrow(() -> notFound(roomId));
        Role myRole = memberships.roleOf(roomId, caller).orElse(null);
        // a banned user is never a member: a ban removes the membership and refuses joins
        if (myRole == null && (room.isPrivate() || bans.isBanned(roomId, caller))) {
            throw notFound(roomId);
        }
        return RoomResponse.of(room, myRole);
    }

    /**
     * Locks the room's row for a change by the caller: changes of one room are serialized by it, so
     * its member count stays exact and its events follow the commit order. 404 when the room does not
     * exist for the caller.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public LockedRoom lock(UUID caller, UUID roomId, RoomEvents events) {
        Room room = rooms.findByIdForUpdate(roomId).orElseThrow(() -> notFound(roomId));
        LockedRoom locked = new LockedRoom(room, caller, memberships, events, now());
        if (room.isPrivate() && locked.callerRole().isEmpty()) {
            throw notFound(roomId);
        }
        return locked;
    }

    /** A new direct room of the two users, both plain members: RoomCreated, then MemberJoined for each. */
    @Transactional(propagation = Propagation.MANDATORY)
    public RoomResponse createDirect(UUID openedBy, UUID other, String name, RoomEvents events) {
        Room room = Room.direct(name, openedBy, now());
        rooms.saveAndFlush(room); // the caller links it to the pair of users next
        events.append(new RoomCreated(room.getId(), room.kind().wireName(), room.name(), room.topic(),
                room.visibility().wireName(), openedBy, room.createdAt()));
        // Nobody else sees the new row before the commit: as good as locked.
        LockedRoom locked = new LockedRoom(room, openedBy, memberships, events, room.createdAt());
        locked.addMember(openedBy, Role.MEMBER);
        locked.addMember(other, Role.MEMBER);
        return locked.response();
    }

    /** Now as PostgreSQL stores it (microseconds): answers and cursors carry the stored value. */
    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    static ApiException notFound(UUID roomId) {
        return new ApiException(HttpStatus.NOT_FOUND, ErrorCode.ROOM_NOT_FOUND, "No room " + roomId + ".");
    }
}
