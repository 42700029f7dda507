package dev.parley.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.gateway.ws.presence.PresenceProperties;
import dev.parley.gateway.ws.session.LimitProperties;
import dev.parley.gateway.ws.session.SessionProperties;
import dev.parley.gateway.ws.subscription.SubscriptionProperties;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Contract §3's defaults, as a gateway configured with nothing binds them. The other tests run with shorter
 * timings (TestGatewayProperties), so this is where the shipped values are held to the contract.
 */
class ContractDefaultsTests {

    private final Binder nothingConfigured = new Binder(new MapConfigurationPropertySource(Map.of()));

    @Test
    void authenticationHeartbeatAndFrameSizeAreTheContracts() {
        SessionProperties session = nothingConfigured.bindOrCreate("parley.ws.session", SessionProperties.class);
        assertThat(session.authTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(session.heartbeat()).isEqualTo(Duration.ofSeconds(25));
        assertThat(session.missedHeartbeats()).isEqualTo(2);
        assertThat(session.maxFrameBytes()).isEqualTo(64 * 1024);
    }

    @Test
    void theLimitsAreTheContracts() {
        LimitProperties limits = nothingConfigured.bindOrCreate("parley.ws.limits", LimitProperties.class);
        assertThat(limits.sendsPerSecond()).isEqualTo(10);
        assertThat(limits.sendBurst()).isEqualTo(20);
        assertThat(limits.maxSubscriptions()).isEqualTo(500);
        assertThat(limits.maxConnectionsPerUser()).isEqualTo(10);
        SubscriptionProperties subscriptions = nothingConfigured.bindOrCreate("parley.ws.subscription",
                SubscriptionProperties.class);
        assertThat(subscriptions.recoveryLimit()).isEqualTo(1000);
    }

    @Test
    void aDeadGatewaysUsersGoOfflineWithinSixtySeconds() {
        PresenceProperties presence = nothingConfigured.bindOrCreate("parley.ws.presence", PresenceProperties.class);
        assertThat(presence.ttl().plus(presence.sweepInterval())).isLessThanOrEqualTo(Duration.ofSeconds(60));
        assertThat(presence.offlineLinger()).as("offline within 2 s of a clean close").isLessThan(Duration.ofSeconds(2));
    }
}
