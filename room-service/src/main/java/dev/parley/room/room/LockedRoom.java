package dev.parley.room.room;

import dev.parley.events.ErrorCode;
import dev.parley.events.room.LeaveReason;
import dev.parley.events.room.MemberJoined;
import dev.parley.events.room.MemberLeft;
import dev.parley.events.room.MemberRoleChanged;
import dev.parley.platform.web.ApiException;
import dev.parley.room.events.RoomEvents;
import dev.parley.room.membership.Member;
import dev.parley.room.membership.Memberships;
import dev.parley.room.membership.Role;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/**
 * A room whose row is locked for one change by one caller, who may see it (see {@link Rooms#lock}).
 * Every membership change goes through here, so that the member count and the room's events stay in
 * step with the memberships, in commit order.
 */
public final class LockedRoom {

    private final Room room;
    private final UUID caller;
    private final Optional<Role> callerRole;
    private final Memberships memberships;
    private final RoomEvents events;
    private final Instant now;

    LockedRoom(Room room, UUID caller, Memberships memberships, RoomEvents events, Instant now) {
        this.room = room;
        this.caller = caller;
        this.callerRole = memberships.roleOf(room.getId(), caller);
        this.memberships = memberships;
        this.events = events;
        this.now = now;
    }

    public UUID id() {
        return room.getId();
    }

    public boolean isPrivate() {
        return room.isPrivate();
    }

    public Optional<Role> callerRole() {
        return callerRole;
    }

    public Optional<Member> member(UUID userId) {
        return memberships.find(room.getId(), userId);
    }

    /** The time of this change, as stored. */
    public Instant now() {
        return now;
    }

    /** A direct room keeps its two members and has nothing to manage. */
    public void requireGroup() {
        if (room.isDirect()) {
            throw forbidden("A direct room keeps its two members and has no settings to change.");
        }
    }

    /** The owner or an admin. */
    public void requireManager() {
        if (!callerRole.map(Role::managesMembers).orElse(false)) {
            throw forbidden("Only the room's owner and admins may do this.");
        }
    }

    public void requireOwner() {
        if (callerRole.orElse(null) != Role.OWNER) {
            throw forbidden("Only the room's owner may do this.");
        }
    }

    /** Kicking and banning reach only those below the caller: admins the members, the owner both. */
    public void requireOutranks(Role target) {
        if (!callerRole.map(role -> role.outranks(target)).orElse(false)) {
            throw forbidden("Only members of a lower role can be removed by you.");
        }
    }

    public Member addMember(UUID userId, Role role) {
        Member member = memberships.add(room.getId(), userId, role, now);
        room.memberAdded();
        events.append(new MemberJoined(room.getId(), userId, role.wireName(), now));
        return member;
    }

    public void removeMember(UUID userId, LeaveReason reason) {
        memberships.remove(room.getId(), userId);
        room.memberRemoved();
        events.append(new MemberLeft(room.getId(), userId, reason.wireName(), now));
    }

    /** A role other than owner; handing the room over is {@link #handOverTo}. */
    public Member changeRole(UUID userId, Role role) {
        Member member = memberships.changeRole(room.getId(), userId, role);
        events.append(new MemberRoleChanged(room.getId(), userId, role.wireName()));
        return member;
    }

    /** The caller (the owner) becomes an admin and the member the owner: two MemberRoleChanged, in that order. */
    public Member handOverTo(UUID userId) {
        changeRole(caller, Role.ADMIN);
        Member owner = changeRole(userId, Role.OWNER);
        room.ownerChangedTo(userId);
        return owner;
    }

    /** The room as the caller sees it after the change. */
    public RoomResponse response() {
        return RoomResponse.of(room, memberships.roleOf(room.getId(), caller).orElse(null));
    }

    Room room() {
        return room;
    }

    private static ApiException forbidden(String detail) {
        return new ApiException(HttpStatus.FORBIDDEN, ErrorCode.FORBIDDEN, detail);
    }
}
