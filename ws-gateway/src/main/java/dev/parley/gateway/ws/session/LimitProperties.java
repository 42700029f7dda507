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
 *                              is closed with 4008 before {@code ready} — once the user's connections, on this
 *                              instance and the others, have been probed for clients that are gone
 *                              ({@link StaleConnectionProbe})
 * @param staleProbeTimeout how long such a probe waits for anything at all from each of those connections. A
 *                          live client's WebSocket stack answers a ping with a pong as soon as it reads it: one
 *                          round trip, under a second even on a poor mobile link, so 2 s judges no live client
 *                          gone, while the new connection waits for its {@code ready} (or 4008) no more than
 *                          about twice that — against up to 50 s for the heartbeat to find the same clients
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
        @DefaultValue("2s") Duration staleProbeTimeout,
        @DefaultValue("2s") Duration typingInterval,
        @Min(1) @DefaultValue("10000") int maxPendingAuth,
        @Min(1) @DefaultValue("20") int maxPendingAuthPerAddress) {
}
