package dev.parley.message.events;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The topics message-service owns (commands and events) and how it uses them.
 *
 * @param replicationFactor null leaves it to the broker's {@code default.replication.factor}
 * @param publishAckTimeout how long a listener waits for the broker's ack of what it publishes
 * @param commandsConcurrency consumer threads for commands; each partition (and so each room) stays on one
 */
@Validated
@ConfigurationProperties("parley.message.kafka")
public record MessageKafkaProperties(
        @Min(1) @DefaultValue("6") int partitions,
        @Min(1) Integer replicationFactor,
        @NotNull @DefaultValue("7d") Duration commandsRetention,
        @NotNull @DefaultValue("7d") Duration eventsRetention,
        @NotNull @DefaultValue("10s") Duration publishAckTimeout,
        @Min(1) @DefaultValue("3") int commandsConcurrency) {
}
