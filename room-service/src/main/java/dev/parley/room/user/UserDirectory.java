package dev.parley.room.user;

import dev.parley.platform.kafka.ConsumerGroupCatchUp;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which users exist, from auth-service's UserRegistered and UserUpdated events. An unknown id is looked
 * up again once the projection has caught up with the user's partition, so a user who registered a
 * moment ago is found. That wait is a couple of Kafka admin requests (milliseconds) unless the
 * projection lags, and is bounded by {@code parley.room.users.catch-up-timeout}.
 */
@Component
public class UserDirectory {

    private final JdbcClient jdbc;
    private final ConsumerGroupCatchUp catchUp;

    UserDirectory(JdbcClient jdbc, ConsumerGroupCatchUp catchUp) {
        this.jdbc = jdbc;
        this.catchUp = catchUp;
    }

    public Optional<KnownUser> find(UUID userId) {
        Optional<KnownUser> user = lookUp(userId);
        if (user.isPresent()) {
            return user;
        }
        catchUp.awaitKey(userId.toString());
        return lookUp(userId);
    }

    private Optional<KnownUser> lookUp(UUID userId) {
        return jdbc.sql("select user_id as id, username, display_name from user_directory where user_id = :id")
                .param("id", userId)
                .query(KnownUser.class)
                .optional();
    }
}
