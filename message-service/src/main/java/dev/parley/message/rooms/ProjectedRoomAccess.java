package dev.parley.message.rooms;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** {@link RoomAccess} from the room projection, catching up before it says no. */
@Component
class ProjectedRoomAccess implements RoomAccess {

    private final JdbcClient jdbc;
    private final MembershipCatchUp catchUp;

    ProjectedRoomAccess(JdbcClient jdbc, MembershipCatchUp catchUp) {
        this.jdbc = jdbc;
        this.catchUp = catchUp;
    }

    @Override
    public Level check(UUID roomId, UUID userId, Level needed) {
        Level level = levelOf(roomId, userId);
        if (level.allows(needed)) {
            return level;
        }
        // A "no" may only mean the projection is behind room-service (the join-then-send race).
        catchUp.awaitProjection();
        return levelOf(roomId, userId);
    }

    private Level levelOf(UUID roomId, UUID userId) {
        return jdbc.sql("""
                        select r.visibility,
                               exists (select 1 from room_members m
                                       where m.room_id = r.room_id and m.user_id = :user) as member
                        from rooms r
                        where r.room_id = :room and not r.deleted""")
                .param("room", roomId)
                .param("user", userId)
                .query((rs, row) -> rs.getBoolean("member") ? Level.SEND
                        : "public".equals(rs.getString("visibility")) ? Level.READ : Level.NONE)
                .optional()
                .orElse(Level.NONE);
    }
}
