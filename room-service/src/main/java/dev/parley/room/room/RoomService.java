package dev.parley.room.room;

import dev.parley.events.room.MemberJoined;
import dev.parley.events.room.RoomCreated;
import dev.parley.events.room.RoomDeleted;
import dev.parley.events.room.RoomUpdated;
import dev.parley.room.events.RoomEventOutbox;
import dev.parley.room.membership.Member;
import dev.parley.room.membership.Memberships;
import dev.parley.room.membership.Role;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Creating, changing and deleting group rooms. */
@Service
class RoomService {

    private final RoomRepository repository;
    private final Rooms rooms;
    private final Memberships memberships;
    private final RoomEventOutbox outbox;

    RoomService(RoomRepository repository, Rooms rooms, Memberships memberships, RoomEventOutbox outbox) {
        this.repository = repository;
        this.rooms = rooms;
        this.memberships = memberships;
        this.outbox = outbox;
    }

    /** A group room owned by the caller: RoomCreated, then MemberJoined for the owner. */
    RoomResponse create(UUID caller, CreateRoomRequest request) {
        return outbox.transaction(events -> {
            Instant now = rooms.now();
            Room room = Room.group(request.name(), request.topic(), request.visibilityValue(), caller, now);
            room.memberAdded();
            repository.save(room);
            Member owner = memberships.add(room.getId(), caller, Role.OWNER, now);
            events.append(new RoomCreated(room.getId(), room.kind().wireName(), room.name(), room.topic(),
                    room.visibility().wireName(), caller, now));
            events.append(new MemberJoined(room.getId(), caller, owner.role().wireName(), owner.joinedAt()));
            return RoomResponse.of(room, Role.OWNER);
        });
    }

    /**
     * Owner or admin; RoomUpdated carries the whole room as it is after the change. A PATCH that changes nothing
     * (no field, or each field's current value) is answered with the room as well, and publishes nothing: the topic
     * keeps its events forever, and a client repeating a PATCH must not add one each time.
     */
    RoomResponse update(UUID caller, UUID roomId, UpdateRoomRequest request) {
        return outbox.transaction(events -> {
            LockedRoom locked = rooms.lock(caller, roomId, events);
            locked.requireGroup();
            locked.requireManager();
            Room room = locked.room();
            if (room.update(request.nameOr(room.name()), request.topicOr(room.topic()),
                    request.visibilityOr(room.visibility()))) {
                events.append(new RoomUpdated(roomId, room.kind().wireName(), room.name(), room.topic(),
                        room.visibility().wireName(), room.ownerId(), room.memberCount(), room.createdAt(),
                        locked.now()));
            }
            return locked.response();
        });
    }

    /** Owner only. The room's memberships and bans go with it; RoomDeleted says so to consumers. */
    void delete(UUID caller, UUID roomId) {
        outbox.transaction(events -> {
            LockedRoom locked = rooms.lock(caller, roomId, events);
            locked.requireGroup();
            locked.requireOwner();
            repository.delete(locked.room());
            events.append(new RoomDeleted(roomId, locked.now()));
            return null;
        });
    }
}
