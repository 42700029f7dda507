package dev.parley.room.room;

import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

/**
 * Lists are keyset-paged by {@code (createdAt, id)}, oldest first, so a new room never shifts a page.
 * Name patterns escape LIKE wildcards with {@code !}.
 * {@code Membership} is the membership feature's entity: the joined list is one query over both tables.
 */
interface RoomRepository extends JpaRepository<Room, UUID> {

    /** Locks the room's row: membership changes of one room are serialized by it. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select r from Room r where r.id = :id")
    Optional<Room> findByIdForUpdate(UUID id);

    @Query("""
            select r from Room r
            where r.id in (select m.roomId from Membership m where m.userId = :userId)
              and lower(r.name) like :namePattern escape '!'
            order by r.createdAt, r.id""")
    List<Room> findJoined(UUID userId, String namePattern, Limit limit);

    @Query("""
            select r from Room r
            where r.id in (select m.roomId from Membership m where m.userId = :userId)
              and lower(r.name) like :namePattern escape '!'
              and (r.createdAt > :createdAt or (r.createdAt = :createdAt and r.id > :id))
            order by r.createdAt, r.id""")
    List<Room> findJoinedAfter(UUID userId, String namePattern, Instant createdAt, UUID id, Limit limit);

    @Query("""
            select r from Room r
            where r.visibility = :visibility and lower(r.name) like :namePattern escape '!'
            order by r.createdAt, r.id""")
    List<Room> findByVisibility(Visibility visibility, String namePattern, Limit limit);

    @Query("""
            select r from Room r
            where r.visibility = :visibility and lower(r.name) like :namePattern escape '!'
              and (r.createdAt > :createdAt or (r.createdAt = :createdAt and r.id > :id))
            order by r.createdAt, r.id""")
    List<Room> findByVisibilityAfter(Visibility visibility, String namePattern, Instant createdAt, UUID id,
                                     Limit limit);
}
