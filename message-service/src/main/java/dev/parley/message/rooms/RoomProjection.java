package dev.parley.message.rooms;

import dev.parley.events.room.MemberJoined;
import dev.parley.events.room.MemberLeft;
import dev.parley.events.room.MemberRoleChanged;
import dev.parley.events.room.RoomCreated;
import dev.parley.events.room.RoomDeleted;
import dev.parley.events.room.RoomEvent;
import dev.parley.events.room.RoomUpdated;
import dev.parley.events.room.UserBanned;
import dev.parley.events.room.UserUnbanned;
import java.util.Objects;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Applies room events to the rooms and members this service knows. Every statement is idempotent, so a
 * replay (after a crash, or of the whole topic) converges to the same state; events of one room arrive
 * in order (key = room id).
 */
@Component
class RoomProjection {

    private final JdbcClient jdbc;

    RoomProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void apply(RoomEvent event) {
        switch (event) {
            case RoomCreated created -> jdbc.sql("""
                            insert into rooms (room_id, kind, visibility) values (:room, :kind, :visibility)
                            on conflict (room_id) do nothing""")
                    .param("room", created.roomId())
                    .param("kind", Objects.requireNonNullElse(created.kind(), "group"))
                    .param("visibility", Objects.requireNonNullElse(created.visibility(), "private"))
                    .update();
            case RoomUpdated updated -> jdbc.sql("""
                            update rooms set visibility = coalesce(:visibility, visibility) where room_id = :room""")
                    .param("room", updated.roomId())
                    .param("visibility", updated.visibility())
                    .update();
            // the room stays, marked (its messages are kept, and every read asks for a room not deleted); its members
            // and bans go with it, or they would pile up with every room ever deleted
            case RoomDeleted deleted -> jdbc.sql("""
                            with room as (update rooms set deleted = true where room_id = :room),
                                 members as (delete from room_members where room_id = :room)
                            delete from room_bans where room_id = :room""")
                    .param("room", deleted.roomId())
                    .update();
            case MemberJoined joined -> jdbc.sql("""
                            insert into room_members (room_id, user_id, role) values (:room, :user, :role)
                            on conflict (room_id, user_id) do update set role = excluded.role""")
                    .param("room", joined.roomId())
                    .param("user", joined.userId())
                    .param("role", Objects.requireNonNullElse(joined.role(), "member"))
                    .update();
            case MemberLeft left -> jdbc.sql("delete from room_members where room_id = :room and user_id = :user")
                    .param("room", left.roomId())
                    .param("user", left.userId())
                    .update();
            case MemberRoleChanged changed -> jdbc.sql("""
                            update room_members set role = coalesce(:role, role) where room_id = :room and user_id = :user""")
                    .param("room", changed.roomId())
                    .param("user", changed.userId())
                    .param("role", changed.role())
                    .update();
            case UserBanned banned -> jdbc.sql("""
                            insert into room_bans (room_id, user_id) values (:room, :user)
                            on conflict (room_id, user_id) do nothing""")
                    .param("room", banned.roomId())
                    .param("user", banned.userId())
                    .update();
            case UserUnbanned unbanned -> jdbc.sql("delete from room_bans where room_id = :room and user_id = :user")
                    .param("room", unbanned.roomId())
                    .param("user", unbanned.userId())
                    .update();
        }
    }
}
