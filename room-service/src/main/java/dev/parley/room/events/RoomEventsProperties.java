package dev.parley.room.events;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Publication of {@code parley.room-events.v1}; the relay itself is configured under {@code parley.outbox.*}.
 *
 * @param partitions  partitions of the topic when room-service creates it (never change it later:
 *                    keys would move partitions and per-room order would break)
 * @param requestWait how long a request waits after its commit for its events to be acknowledged by Kafka
 */
@Validated
@ConfigurationProperties("parley.room.events")
public record RoomEventsProperties(
        @Min(1) @DefaultValue("6") int partitions,
        @NotNull @DefaultValue("2s") Duration requestWait) {
}
