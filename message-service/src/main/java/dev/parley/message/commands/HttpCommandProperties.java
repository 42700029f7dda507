package dev.parley.message.commands;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.UUID;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * HTTP writes (send, edit, delete, read marker) go through the command topic like the WebSocket ones.
 *
 * @param originId the {@code origin.gatewayId} of this instance's commands (unique per instance)
 * @param outcomeWait how long a request waits for its command to be handled (a send then answers 202)
 * @param publishTimeout how long it waits for Kafka to take the command before answering 503
 * @param pollInterval how often it looks in the database for an outcome another instance committed
 */
@Validated
@ConfigurationProperties("parley.message.http")
public record HttpCommandProperties(
        @DefaultValue("") String originId,
        @NotNull @DefaultValue("5s") Duration outcomeWait,
        @NotNull @DefaultValue("2s") Duration publishTimeout,
        @NotNull @DefaultValue("50ms") Duration pollInterval) {

    public HttpCommandProperties {
        if (originId == null || originId.isBlank()) {
            originId = "message-service-" + UUID.randomUUID().toString().substring(0, 8);
        }
    }
}
