package dev.parley.room.membership;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/** Member lists are keyset-paged by {@code (joinedAt, userId)}, earliest first. */
interface MembershipRepository extends JpaRepository<Membership, Membership.Key> {

    @Query("select m from Membership m where m.userId = :userId and m.roomId in :roomIds")
    List<Membership> findByUserIdAndRoomIdIn(UUID userId, Collection<UUID> roomIds);

    @Query("select m from Membership m where m.roomId = :roomId order by m.joinedAt, m.userId")
    List<Membership> findFirstOfRoom(UUID roomId, Limit limit);

    @Query("""
            select m from Membership m
            where m.roomId = :roomId and (m.joinedAt > :joinedAt or (m.joinedAt = :joinedAt and m.userId > :userId))
            order by m.joinedAt, m.userId""")
    List<Membership> findOfRoomAfter(UUID roomId, Instant joinedAt, UUID userId, Limit limit);
}
