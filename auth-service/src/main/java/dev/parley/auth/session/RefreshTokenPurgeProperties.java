package dev.parley.auth.session;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * When the refresh tokens that can no longer matter are deleted ({@link RefreshTokenPurge}).
 *
 * @param every how often each instance looks for expired tokens (instances share the work safely); 1 h by default
 * @param batch how many rows one statement deletes (each its own short transaction); 1,000 by default
 */
@Validated
@ConfigurationProperties("parley.auth.refresh-token-purge")
public record RefreshTokenPurgeProperties(
        @NotNull @DefaultValue("1h") Duration every,
        @Min(1) @DefaultValue("1000") int batch) {
}
