package dev.parley.room.user;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The projection of {@code parley.user-events.v1} that tells room-service which users exist.
 *
 * @param groupId             consumer group of the projection (its committed offsets are what catching up waits for)
 * @param catchUpTimeout      the longest a lookup of an unknown user waits for the projection
 * @param catchUpPollInterval how often it looks at the projection's progress meanwhile
 */
@Validated
@ConfigurationProperties("parley.room.users")
public record UserDirectoryProperties(
        @NotBlank @DefaultValue("room-service-users") String groupId,
        @NotNull @DefaultValue("3s") Duration catchUpTimeout,
        @NotNull @DefaultValue("20ms") Duration catchUpPollInterval) {
}
