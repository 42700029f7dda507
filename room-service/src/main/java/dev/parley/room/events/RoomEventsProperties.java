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
 * @param retention   the topic's retention when room-service creates it; unset, forever (contract §4). Consumers
 *                    that rebuild a projection from the topic's start (message-service, ws-gateway) need every
 *                    room's events: shorten it only with that in mind
 */
@Validated
@ConfigurationProperties("parley.room.events")
public record RoomEventsProperties(
        @Min(1) @DefaultValue("6") int partitions,
        @NotNull @DefaultValue("2s") Duration requestWait,
        Duration retention) {
}
