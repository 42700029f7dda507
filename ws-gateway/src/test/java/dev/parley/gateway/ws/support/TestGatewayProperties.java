package dev.parley.gateway.ws.support;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings every gateway under test runs with: the HTTP stand-ins, and short timings so that
 * heartbeats, presence expiry, sweeps and probes for clients that are gone happen within a test's patience.
 */
public final class TestGatewayProperties {

    /** The heartbeat every gateway under test runs with (25 s by default). */
    public static final Duration HEARTBEAT = Duration.ofSeconds(2);

    /**
     * How soon a connection whose client is gone makes way for a new one of the same user at the limit, counted from
     * before the gone client connected: its heartbeat starts at its ready, pings it a heartbeat later and again a
     * heartbeat after that, and closes it a heartbeat after the second ping at the soonest — three heartbeats. A place
     * freed half a second sooner was freed by the probe (1 s here), however slow the machine: slowness only delays the
     * heartbeat. (3.5 s counted from the gone client's ready left too little for a busy machine.)
     */
    public static final Duration SOONER_THAN_THE_HEARTBEAT = HEARTBEAT.multipliedBy(3).minusMillis(500);

    private TestGatewayProperties() {
    }

    public static Map<String, String> common() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("parley.ws.server.port", "0");
        properties.put("parley.ws.allowed-origins", "https://chat.example.com");
        properties.put("parley.ws.room-service-url", RoomServiceStandIn.shared().url());
        properties.put("parley.ws.message-service-url", MessageServiceStandIn.shared().url());
        properties.put("parley.ws.session.auth-timeout", "2s");
        properties.put("parley.ws.session.heartbeat", HEARTBEAT.toMillis() + "ms");
        properties.put("parley.ws.session.send-buffer-bytes", "262144");
        // the default, pinned so that a shorter default does not shorten it here: SlowConsumerTests' blocked client must
        // still be open after the test has published more, and must get its close before this grace cuts it; 5 s left
        // both to the test's own pace (stop 62's -1 was the second)
        properties.put("parley.ws.session.send-time-limit", "10s");
        properties.put("parley.ws.limits.stale-probe-timeout", "1s");
        properties.put("parley.ws.presence.ttl", "6s");
        properties.put("parley.ws.presence.refresh-interval", "1s");
        properties.put("parley.ws.presence.sweep-interval", "500ms");
        properties.put("management.tracing.sampling.probability", "1.0");
        return properties;
    }
}
