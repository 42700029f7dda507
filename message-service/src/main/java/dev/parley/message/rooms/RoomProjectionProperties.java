package dev.parley.message.rooms;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The projection of room-service's events that access checks read.
 *
 * @param groupId consumer group of the projection (its committed offsets are what catching up waits for)
 * @param catchUpTimeout the longest a negative access check waits for the projection
 * @param catchUpPollInterval how often it looks at the projection's progress meanwhile
 */
@Validated
@ConfigurationProperties("parley.message.rooms")
public record RoomProjectionProperties(
        @NotBlank @DefaultValue("message-service-rooms") String groupId,
        @Min(1) @DefaultValue("2") int concurrency,
        @NotNull @DefaultValue("3s") Duration catchUpTimeout,
        @NotNull @DefaultValue("20ms") Duration catchUpPollInterval) {
}
