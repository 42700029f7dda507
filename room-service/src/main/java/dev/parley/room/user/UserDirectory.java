package dev.parley.room.user;

import dev.parley.platform.kafka.ConsumerGroupCatchUp;
import dev.parley.platform.web.ApiException;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which users exist, from auth-service's UserRegistered and UserUpdated events. An unknown id is looked
 * up again once the projection has caught up with the user's partition, so a user who registered a
 * moment ago is found. That wait is a couple of Kafka admin requests (milliseconds) unless the
 * projection lags, and is bounded by {@code parley.room.users.catch-up-timeout}: a user the projection has not
 * reached by then is not found, and the client may try again (the 404 is the contract's, retrying is harmless).
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

    /**
     * The user, or 404 {@code user_not_found} (contract §2): the one answer for every request that names a user
     * who must exist — adding a member, opening a direct room, banning a non-member.
     */
    public KnownUser require(UUID userId) {
        return find(userId).orElseThrow(() ->
                new ApiException(HttpStatus.NOT_FOUND, ApiException.USER_NOT_FOUND, "No user " + userId + "."));
    }

    private Optional<KnownUser> lookUp(UUID userId) {
        return jdbc.sql("select user_id as id, username, display_name from user_directory where user_id = :id")
                .param("id", userId)
                .query(KnownUser.class)
                .optional();
    }
}
