package dev.parley.auth.throttle;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** Brute-force limits (contract §2): failures allowed per username and per address within the window. */
@Validated
@ConfigurationProperties("parley.auth.login-throttle")
public record LoginThrottleProperties(
        @Min(1) @DefaultValue("5") int maxFailuresPerUsername,
        @Min(1) @DefaultValue("100") int maxFailuresPerAddress,
        @DefaultValue("15m") Duration window) {
}
