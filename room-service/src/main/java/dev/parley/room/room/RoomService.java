package dev.parley.room.room;

import dev.parley.events.room.MemberJoined;
import dev.parley.events.room.RoomCreated;
import dev.parley.platform.web.ApiException;
import dev.parley.room.events.RoomEventOutbox;
import dev.parley.room.membership.Member;
import dev.parley.room.membership.Memberships;
import dev.parley.room.membership.Role;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class RoomService {

    private final RoomRepository rooms;
    private final Memberships memberships;
    private final RoomEventOutbox events;
    private final Clock clock;

    RoomService(RoomRepository rooms, Memberships memberships, RoomEventOutbox events, Clock clock) {
        this.rooms = rooms;
        this.memberships = memberships;
        this.events = events;
        this.clock = clock;
    }

    /** Creates a group room owned by the caller: RoomCreated, then MemberJoined for the owner. */
    RoomResponse create(UUID caller, CreateRoomRequest request) {
        return events.transaction(() -> {
            Instant now = now(clock);
            Room room = Room.group(request.name(), request.topic(), request.visibilityValue(), caller, now);
            room.memberAdded();
            rooms.save(room);
            Member owner = memberships.add(room.getId(), caller, Role.OWNER, now);
            events.append(new RoomCreated(room.getId(), room.kind().wireName(), room.name(), room.topic(),
                    room.visibility().wireName(), caller, now));
            events.append(new MemberJoined(room.getId(), caller, owner.role().wireName(), owner.joinedAt()));
            return RoomResponse.of(room, Role.OWNER);
        });
    }

    @Transactional(readOnly = true)
    RoomResponse get(UUID caller, UUID roomId) {
        Room room = rooms.findById(roomId).orElseThrow(() -> notFound(roomId));
        Role myRole = memberships.roleOf(roomId, caller).orElse(null);
        if (room.isPrivate() && myRole == null) {
            throw notFound(roomId);
        }
        return RoomResponse.of(room, myRole);
    }

    /** Private rooms do not exist for non-members: same answer as an unknown id. */
    static ApiException notFound(UUID roomId) {
        return new ApiException(HttpStatus.NOT_FOUND, "room_not_found", "No room " + roomId + ".");
    }

    /** PostgreSQL keeps microseconds: answers and cursors must carry the stored value. */
    static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
