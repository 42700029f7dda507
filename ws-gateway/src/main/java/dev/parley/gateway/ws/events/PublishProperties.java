package dev.parley.gateway.ws.events;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long a publish off the event loops may wait for the producer to take a record — while it fetches a topic's
 * partitions, or while its buffer is full — before the event counts as not published. The producer itself never
 * waits ({@code max.block.ms} 0, application.yml): {@link EventPublisher} does the waiting, where waiting is allowed.
 *
 * @param maxWait the other services' {@code max.block.ms}
 */
@Validated
@ConfigurationProperties("parley.ws.publish")
public record PublishProperties(@NotNull @DefaultValue("5s") Duration maxWait) {
}
