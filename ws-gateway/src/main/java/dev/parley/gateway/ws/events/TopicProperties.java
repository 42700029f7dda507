package dev.parley.gateway.ws.events;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The topics ws-gateway owns ({@code parley.presence-events.v1}, {@code parley.signals.v1}), as created when
 * missing. Retentions default to the contract's (§4). The partition count of an existing topic is only ever
 * raised by Spring's {@code KafkaAdmin}, which moves keys between partitions: choose it once.
 *
 * @param partitions partitions of each topic when it is created
 * @param replicationFactor null leaves it to the broker's {@code default.replication.factor}
 */
@Validated
@ConfigurationProperties("parley.ws.topics")
public record TopicProperties(
        @Min(1) @DefaultValue("6") int partitions,
        @Min(1) Integer replicationFactor,
        @NotNull @DefaultValue("1d") Duration presenceRetention,
        @NotNull @DefaultValue("1h") Duration signalsRetention) {
}
