package dev.parley.gateway.ws.presence;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Presence in Redis (contract §3: offline within the documented TTL, ≤ 60 s, when a gateway dies).
 *
 * @param ttl how long a connection stays recorded without a refresh
 * @param refreshInterval how often this gateway refreshes its connections; well below {@code ttl}
 * @param sweepInterval how often this gateway looks for users whose connections all expired (a dead
 *                      gateway's) and publishes their UserOffline. A dead gateway's users go offline
 *                      within {@code ttl + sweepInterval} (defaults: 45 s + 5 s = 50 s)
 * @param sweepBatch users taken off per sweep call at most
 * @param rosterTtl how long a known membership stays in the cluster roster without being confirmed
 * @param offlineLinger how long a user whose last connection closed stays online: a page reload or a reconnect
 *                      within it, on any gateway, makes no offline/online pair for every member of their rooms to
 *                      receive. The contract wants offline within 2 s of a clean close, so it stays below that
 */
@Validated
@ConfigurationProperties("parley.ws.presence")
public record PresenceProperties(
        @DefaultValue("45s") Duration ttl,
        @DefaultValue("15s") Duration refreshInterval,
        @DefaultValue("5s") Duration sweepInterval,
        @Min(1) @DefaultValue("500") int sweepBatch,
        @DefaultValue("30d") Duration rosterTtl,
        @DefaultValue("1s") Duration offlineLinger) {

    /** Contract §3: offline within 2 s after the last connection closes cleanly; the rest is for Kafka and fan-out. */
    private static final Duration MAX_OFFLINE_LINGER = Duration.ofMillis(1500);

    /** Two refreshes must fit in a TTL, or a live connection could expire between them. */
    @AssertTrue(message = "refresh-interval must be at most half the ttl")
    public boolean isRefreshFrequentEnough() {
        return refreshInterval.multipliedBy(2).compareTo(ttl) <= 0;
    }

    @AssertTrue(message = "offline-linger must be between 0 and 1.5 s (offline within 2 s of a clean close, contract §3)")
    public boolean isOfflineLingerWithinTheContract() {
        return !offlineLinger.isNegative() && offlineLinger.compareTo(MAX_OFFLINE_LINGER) <= 0;
    }
}
