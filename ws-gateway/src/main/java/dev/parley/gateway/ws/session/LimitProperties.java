package dev.parley.gateway.ws.session;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The contract's per-connection and per-user limits (§3), all configurable.
 *
 * @param sendsPerSecond sustained {@code send} rate of one connection (token bucket refill); a {@code subscribe}
 *                       costs a token too (contract §7)
 * @param sendBurst sends (and subscribes) a connection may make at once (bucket size)
 * @param breachTolerance how long a client may go on sending into its limit without pausing for the
 *                        {@code retryAfterMs} it was given before it is closed with 4008 (see SendAllowance)
 * @param maxSubscriptions rooms one connection may follow at once ({@code too_many_subscriptions})
 * @param maxConnectionsPerUser open connections of one user across the cluster; the newest beyond it
 *                              is closed with 4008 before {@code ready}
 * @param typingInterval at most one typing signal per user and room per interval leaves this instance
 * @param maxPendingAuth connections of this instance that have not authenticated yet (each is held up to the
 *                       auth timeout); an upgrade beyond it is refused with HTTP 429
 * @param maxPendingAuthPerAddress the same, per client address (the {@code X-Forwarded-For} of a trusted proxy)
 */
@Validated
@ConfigurationProperties("parley.ws.limits")
public record LimitProperties(
        @Positive @DefaultValue("10") double sendsPerSecond,
        @Min(1) @DefaultValue("20") int sendBurst,
        @DefaultValue("2s") Duration breachTolerance,
        @Min(1) @DefaultValue("500") int maxSubscriptions,
        @Min(1) @DefaultValue("10") int maxConnectionsPerUser,
        @DefaultValue("2s") Duration typingInterval,
        @Min(1) @DefaultValue("10000") int maxPendingAuth,
        @Min(1) @DefaultValue("20") int maxPendingAuthPerAddress) {
}
