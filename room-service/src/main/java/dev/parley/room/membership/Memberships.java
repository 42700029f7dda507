package dev.parley.room.membership;

import dev.parley.room.web.PageCursor;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who belongs to which room, with which role. Room rules (visibility, who may do what, member counts,
 * events) live in the features that change rooms, which call this holding the room's row lock.
 */
@Component
public class Memberships {

    private final MembershipRepository repository;

    Memberships(MembershipRepository repository) {
        this.repository = repository;
    }

    public Optional<Member> find(UUID roomId, UUID userId) {
        return repository.findById(new Membership.Key(roomId, userId)).map(Membership::toMember);
    }

    public Optional<Role> roleOf(UUID roomId, UUID userId) {
        return find(roomId, userId).map(Member::role);
    }

    /** The user's role in each of the given rooms they belong to. */
    public Map<UUID, Role> rolesOf(UUID userId, Collection<UUID> roomIds) {
        if (roomIds.isEmpty()) {
            return Map.of();
        }
        return repository.findByUserIdAndRoomIdIn(userId, roomIds).stream()
                .collect(Collectors.toMap(Membership::roomId, Membership::role));
    }

    /** Up to {@code limit} members by {@code (joinedAt, userId)}, from the start or after the cursor. */
    public List<Member> page(UUID roomId, PageCursor after, int limit) {
        List<Membership> found = after == null
                ? repository.findFirstOfRoom(roomId, Limit.of(limit))
                : repository.findOfRoomAfter(roomId, after.at(), after.id(), Limit.of(limit));
        return found.stream().map(Membership::toMember).toList();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public Member add(UUID roomId, UUID userId, Role role, Instant joinedAt) {
        return repository.save(new Membership(roomId, userId, role, joinedAt)).toMember();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void remove(UUID roomId, UUID userId) {
        repository.deleteById(new Membership.Key(roomId, userId));
    }

    /**
     * Changes a member's role. Flushed at once: a room has one owner at a time (a unique index), so
     * handing over demotes the old owner before the new one is promoted.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Member changeRole(UUID roomId, UUID userId, Role role) {
        Membership membership = repository.findById(new Membership.Key(roomId, userId)).orElseThrow();
        membership.changeRole(role);
        repository.flush();
        return membership.toMember();
    }
}
