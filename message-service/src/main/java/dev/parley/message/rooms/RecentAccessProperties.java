package dev.parley.message.rooms;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What {@link RecentRoomAccess} may still take for true while PostgreSQL cannot be asked.
 *
 * @param maxAge how long an answer of the room projection stands, as long as no room event has changed it
 * @param projectionLag how far the projection in PostgreSQL may trail this instance's own view of the room events:
 *        an answer given less than this after an event of its user in its room, or of the whole room, was seen (or
 *        after this instance began to watch the events) does not stand
 */
@Validated
@ConfigurationProperties("parley.message.rooms.recent-access")
public record RecentAccessProperties(
        @NotNull @DefaultValue("5m") Duration maxAge,
        @NotNull @DefaultValue("3s") Duration projectionLag) {
}
