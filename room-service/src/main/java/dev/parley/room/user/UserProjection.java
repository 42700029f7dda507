package dev.parley.room.user;

import dev.parley.events.user.UserEvent;
import dev.parley.events.user.UserRegistered;
import dev.parley.events.user.UserUpdated;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Applies user events to {@code user_directory}. An upsert per event, so a replay converges; a user's
 * events arrive in order (key = user id), and an older one never overwrites a newer one.
 */
@Component
class UserProjection {

    private final JdbcClient jdbc;

    UserProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void apply(UserEvent event) {
        switch (event) {
            case UserRegistered registered ->
                    upsert(registered.userId(), registered.username(), registered.displayName(), registered.createdAt());
            case UserUpdated updated ->
                    upsert(updated.userId(), updated.username(), updated.displayName(), updated.updatedAt());
        }
    }

    private void upsert(UUID userId, String username, String displayName, Instant at) {
        jdbc.sql("""
                        insert into user_directory (user_id, username, display_name, updated_at)
                        values (:id, :username, :displayName, :at)
                        on conflict (user_id) do update
                        set username = excluded.username, display_name = excluded.display_name, updated_at = excluded.updated_at
                        where user_directory.updated_at <= excluded.updated_at""")
                .param("id", userId)
                .param("username", username)
                .param("displayName", displayName)
                .param("at", Timestamp.from(at == null ? Instant.EPOCH : at))
                .update();
    }
}
