package dev.parley.room.membership;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who belongs to which room, with which role. Room rules (visibility, who may add whom, member counts,
 * events) live in the room feature, which calls this within its own transactions.
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

    /** Adds a member; the caller has checked they are not one yet (holding the room's lock). */
    @Transactional(propagation = Propagation.MANDATORY)
    public Member add(UUID roomId, UUID userId, Role role, Instant joinedAt) {
        return repository.save(new Membership(roomId, userId, role, joinedAt)).toMember();
    }
}
