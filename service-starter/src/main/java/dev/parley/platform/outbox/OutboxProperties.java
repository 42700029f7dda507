package dev.parley.platform.outbox;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The event outbox's relay.
 *
 * @param enabled      {@code false} leaves the outbox out even where a database and Kafka exist
 * @param pollInterval how often the relay looks for rows nobody woke it for (after a restart or an outage)
 * @param sendTimeout  how long the relay waits for the broker to acknowledge a batch; keep it above the
 *                     producer's {@code delivery.timeout.ms}, so a batch is only retried once the
 *                     producer has given up on it
 * @param batchSize    rows sent per batch
 */
@Validated
@ConfigurationProperties("parley.outbox")
public record OutboxProperties(
        @DefaultValue("true") boolean enabled,
        @NotNull @DefaultValue("500ms") Duration pollInterval,
        @NotNull @DefaultValue("15s") Duration sendTimeout,
        @Min(1) @DefaultValue("500") int batchSize) {
}
