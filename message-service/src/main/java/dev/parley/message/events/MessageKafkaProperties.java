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
 * @param publishAckTimeout how long the command consumer waits for the broker's acks of a batch's events
 *        (keep it above the producer's {@code delivery.timeout.ms}: a timeout then means the events failed)
 * @param commandsConcurrency consumer threads for commands; each partition (and so each room) stays on one
 * @param commandsBatchSize the most commands handled in one database transaction ({@code max.poll.records})
 * @param commandsGatherWindow how long a command consumer pauses after a batch of at least
 *        {@code commandsGatherFrom} commands, so that the next poll finds more: every batch costs the same
 *        handful of statements, a commit, a Redis pipeline and a produce request however few commands it holds.
 *        Under load this buys throughput with at most this much latency; a quiet consumer never pauses. 0: never
 * @param commandsGatherFrom the batch size from which the consumer counts as under load and pauses
 * @param commandsCommitInterval how often the command consumer commits its offsets (after the events of the batches
 *        before are on the broker); a crash redelivers at most this long's commands, answered again as duplicates
 * @param retryInitialInterval first wait before a failed batch is tried again (PostgreSQL or Kafka away)
 * @param retryMaxInterval longest wait between tries; a batch is retried until it succeeds, never skipped
 */
@Validated
@ConfigurationProperties("parley.message.kafka")
public record MessageKafkaProperties(
        @Min(1) @DefaultValue("6") int partitions,
        @Min(1) Integer replicationFactor,
        @NotNull @DefaultValue("7d") Duration commandsRetention,
        @NotNull @DefaultValue("7d") Duration eventsRetention,
        @NotNull @DefaultValue("15s") Duration publishAckTimeout,
        @Min(1) @DefaultValue("2") int commandsConcurrency,
        @Min(1) @DefaultValue("500") int commandsBatchSize,
        @NotNull @DefaultValue("5ms") Duration commandsGatherWindow,
        @Min(1) @DefaultValue("2") int commandsGatherFrom,
        @NotNull @DefaultValue("1s") Duration commandsCommitInterval,
        @NotNull @DefaultValue("200ms") Duration retryInitialInterval,
        @NotNull @DefaultValue("10s") Duration retryMaxInterval) {
}
