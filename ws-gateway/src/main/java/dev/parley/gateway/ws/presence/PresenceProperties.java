package dev.parley.gateway.ws.presence;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Connection records in Redis.
 *
 * @param ttl how long a connection stays recorded without a refresh: the bound on how long a dead
 *            gateway's users look online (contract: ≤ 60 s)
 * @param refreshInterval how often this gateway refreshes its connections; well below {@code ttl}
 */
@Validated
@ConfigurationProperties("parley.ws.presence")
public record PresenceProperties(
        @DefaultValue("60s") Duration ttl,
        @DefaultValue("20s") Duration refreshInterval) {
}
