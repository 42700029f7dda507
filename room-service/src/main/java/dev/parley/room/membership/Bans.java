package dev.parley.room.membership;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who is banned from which room: a banned user may neither join nor read it. Changes happen holding the
 * room's row lock (the ban feature's).
 */
@Component
public class Bans {

    private final JdbcClient jdbc;

    Bans(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean isBanned(UUID roomId, UUID userId) {
        return jdbc.sql("select exists (select 1 from bans where room_id = :room and user_id = :user)")
                .param("room", roomId).param("user", userId)
                .query(Boolean.class).single();
    }

    /**
     * How many users are banned from the room, counted up to {@code upTo}: enough to tell whether a bound is
     * reached without counting a room's every ban.
     */
    public int count(UUID roomId, int upTo) {
        return jdbc.sql("select count(*) from (select 1 from bans where room_id = :room limit :upTo) counted")
                .param("room", roomId).param("upTo", upTo)
                .query(Integer.class).single();
    }

    /** A second ban of the same user keeps the first one: false then. */
    public boolean add(UUID roomId, UUID userId, UUID bannedBy, String reason, Instant bannedAt) {
        return jdbc.sql("""
                        insert into bans (room_id, user_id, banned_by, reason, banned_at)
                        values (:room, :user, :bannedBy, :reason, :bannedAt)
                        on conflict (room_id, user_id) do nothing""")
                .param("room", roomId).param("user", userId).param("bannedBy", bannedBy).param("reason", reason)
                .param("bannedAt", Timestamp.from(bannedAt))
                .update() == 1;
    }

    /** False when there was no ban. */
    public boolean remove(UUID roomId, UUID userId) {
        return jdbc.sql("delete from bans where room_id = :room and user_id = :user")
                .param("room", roomId).param("user", userId)
                .update() == 1;
    }
}
