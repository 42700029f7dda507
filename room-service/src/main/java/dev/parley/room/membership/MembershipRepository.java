package dev.parley.room.membership;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface MembershipRepository extends JpaRepository<Membership, Membership.Key> {

    @Query("select m from Membership m where m.userId = :userId and m.roomId in :roomIds")
    List<Membership> findByUserIdAndRoomIdIn(UUID userId, Collection<UUID> roomIds);
}
