package dev.parley.gateway.ws.membership;

import dev.parley.events.room.MemberJoined;
import dev.parley.events.room.MemberLeft;
import dev.parley.events.room.MemberRoleChanged;
import dev.parley.events.room.RoomCreated;
import dev.parley.events.room.RoomDeleted;
import dev.parley.events.room.RoomEvent;
import dev.parley.events.room.RoomUpdated;
import dev.parley.events.room.UserBanned;
import dev.parley.events.room.UserUnbanned;
import dev.parley.gateway.ws.session.AuthenticatedUser;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Membership as this gateway instance knows it, for the rooms its sessions use. It starts from
 * room-service's answer to the user (asked on every {@code subscribe}, once for a
 * {@code typing}/{@code read} in a room nothing is known about, and for a {@code send} of anyone not
 * known to be a member) and is kept current by
 * {@code parley.room-events.v1}. Nothing here is durable: a restarted instance asks again.
 *
 * <p>Rooms no local session follows are forgotten after {@code parley.ws.membership.idle}.
 */
@Service
public class RoomMemberships {

    private final RoomDirectory directory;
    private final LocalRoomInterest interest;
    private final Duration idle;
    private final AtomicLong versions = new AtomicLong();
    private final Map<UUID, RoomKnowledge> rooms = new ConcurrentHashMap<>();

    RoomMemberships(RoomDirectory directory, LocalRoomInterest interest, MembershipProperties properties) {
        this.directory = directory;
        this.interest = interest;
        this.idle = properties.idle();
    }

    /**
     * Asks room-service (always: {@code subscribe} wants a fresh answer) and remembers the answer.
     *
     * @throws RoomDirectory.RoomNotFoundException when the room does not exist for the user
     */
    public RoomView lookUp(UUID roomId, AuthenticatedUser user) {
        long version = versions.incrementAndGet();
        RoomKnowledge room = rooms.computeIfAbsent(roomId, id -> new RoomKnowledge());
        try {
            RoomView view = directory.room(roomId, user.accessToken());
            room.learnVisibility(view.visibility(), version);
            room.learnRole(user.userId(), view.myRole(), version);
            return view;
        } catch (RoomDirectory.RoomNotFoundException e) {
            room.learnNotFound(user.userId(), version);
            throw e;
        }
    }

    /** What the user may do in the room: from what is known, else from one room-service call. */
    public Access accessOf(UUID roomId, AuthenticatedUser user) {
        Optional<Access> known = known(roomId, user.userId());
        return known.isPresent() ? known.get() : freshAccessOf(roomId, user);
    }

    /**
     * What the user may do in the room, from room-service now, whatever is known here: a user who just
     * joined over HTTP may act before this instance has seen their MemberJoined.
     */
    public Access freshAccessOf(UUID roomId, AuthenticatedUser user) {
        try {
            lookUp(roomId, user);
        } catch (RoomDirectory.RoomNotFoundException e) {
            return Access.NOT_FOUND;
        }
        return known(roomId, user.userId()).orElse(Access.NOT_FOUND);
    }

    /** What is known, without asking anyone. */
    public Optional<Access> known(UUID roomId, UUID userId) {
        RoomKnowledge room = rooms.get(roomId);
        return room == null ? Optional.empty() : Optional.ofNullable(room.accessOf(userId));
    }

    /** Whether the room is known to be public; an unknown room counts as private. */
    public boolean isPublic(UUID roomId) {
        RoomKnowledge room = rooms.get(roomId);
        return room != null && room.isPublic();
    }

    /** Keeps what is known current; events of rooms nobody here uses are not recorded. */
    public void apply(RoomEvent event) {
        RoomKnowledge room = rooms.get(event.roomId());
        if (room == null) {
            return;
        }
        long version = versions.incrementAndGet();
        switch (event) {
            case RoomCreated created -> room.learnVisibility(created.visibility(), version);
            case RoomUpdated updated -> room.learnVisibility(updated.visibility(), version);
            case RoomDeleted deleted -> room.learnDeleted();
            case MemberJoined joined -> room.learnRole(joined.userId(), joined.role(), version);
            case MemberRoleChanged changed -> room.learnRole(changed.userId(), changed.role(), version);
            case MemberLeft left -> room.learnRole(left.userId(), null, version);
            case UserBanned banned -> room.learnBanned(banned.userId(), version);
            case UserUnbanned unbanned -> room.learnRole(unbanned.userId(), null, version);
        }
    }

    @Scheduled(fixedDelayString = "${parley.ws.membership.eviction-interval:60s}")
    void forgetIdleRooms() {
        long cutoff = System.nanoTime() - idle.toNanos();
        rooms.entrySet().removeIf(entry -> entry.getValue().lastUsedNanos() - cutoff < 0
                && !interest.isFollowed(entry.getKey()));
    }
}
