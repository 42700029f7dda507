package dev.parley.gateway.ws;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who this gateway instance is and whom it talks to.
 *
 * @param gatewayId identifies this instance in command origins and its Kafka consumer groups; a random
 *                  {@code gw-xxxxxxxx} when not set, so every instance gets its own
 * @param roomServiceUrl where read access and membership are asked for on {@code subscribe}
 * @param messageServiceUrl where {@code headSeq} and the resume backlog are asked for
 * @param callTimeout connect and read timeout of one call to room-service or message-service
 * @param allowedOrigins browser origins allowed to open {@code /ws}; tokens, not cookies, authenticate,
 *                       so any origin is safe by default
 */
@Validated
@ConfigurationProperties("parley.ws")
public record GatewayProperties(
        String gatewayId,
        @NotBlank @DefaultValue("http://localhost:8082") String roomServiceUrl,
        @NotBlank @DefaultValue("http://localhost:8083") String messageServiceUrl,
        @DefaultValue("3s") Duration callTimeout,
        @NotEmpty @DefaultValue("*") List<String> allowedOrigins) {

    public GatewayProperties {
        if (gatewayId == null || gatewayId.isBlank()) {
            gatewayId = "gw-" + UUID.randomUUID().toString().substring(0, 8);
        }
    }
}
