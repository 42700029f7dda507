package dev.parley.gateway.ws.membership;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long this instance keeps membership it learned.
 *
 * @param idle membership of a room no local session follows is forgotten once unused this long
 * @param evictionInterval how often forgotten rooms are looked for
 */
@Validated
@ConfigurationProperties("parley.ws.membership")
public record MembershipProperties(
        @DefaultValue("5m") Duration idle,
        @DefaultValue("60s") Duration evictionInterval) {
}
