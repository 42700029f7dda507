package dev.parley.gateway.ws.endpoint;

import static dev.parley.testing.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.gateway.ws.session.PendingAuthentications;
import dev.parley.gateway.ws.support.GatewayIntegrationTest;
import dev.parley.gateway.ws.support.SecondGateway;
import dev.parley.gateway.ws.support.WsTestClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Connections that still have to send their {@code auth} frame are capped per client address and per
 * instance; beyond a cap the upgrade is refused with 429. The address is the {@code X-Forwarded-For}
 * of a trusted proxy (this test's loopback connections stand for the api-gateway: loopback is one of the
 * default {@code parley.network.trusted-proxies}). An instance of its
 * own, with small caps, so that the counts are this test's alone.
 */
class PendingAuthenticationTests extends GatewayIntegrationTest {

    private static final int PER_ADDRESS = 3;
    private static final int PER_INSTANCE = 7;
    /**
     * Long (2 s in the other tests), so that the connections a test holds waiting to authenticate still wait while
     * it opens the rest and asks for one more, however slow the machine's handshakes.
     */
    private static final String AUTH_TIMEOUT = "8s";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static SecondGateway gateway;
    private static PendingAuthentications pending;

    private final List<WsTestClient> opened = new ArrayList<>();

    @BeforeAll
    static void startAGatewayWithSmallCaps() {
        gateway = SecondGateway.start("gw-pending-" + UUID.randomUUID().toString().substring(0, 4), Map.of(
                "parley.ws.limits.max-pending-auth", Integer.toString(PER_INSTANCE),
                "parley.ws.limits.max-pending-auth-per-address", Integer.toString(PER_ADDRESS),
                "parley.ws.session.auth-timeout", AUTH_TIMEOUT));
        pending = gateway.bean(PendingAuthentications.class);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @AfterEach
    void closeOpened() {
        opened.forEach(WsTestClient::close);
        awaitTrue("every place given back", Duration.ofSeconds(10), () -> pending.count() == 0);
    }

    @Test
    void anAddressMayHoldOnlySoManyConnectionsThatHaveNotAuthenticated() throws Exception {
        for (int i = 0; i < PER_ADDRESS; i++) {
            anonymous("203.0.113.7");
        }

        assertThat(WsTestClient.refusedUpgradeStatus(gateway.wsUri(), from("203.0.113.7"))).isEqualTo(429);
        HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + gateway.wsPort() + "/ws")).header("X-Forwarded-For", "203.0.113.7").build(),
                HttpResponse.BodyHandlers.ofString());
        assertProblem(refused, 429, "rate_limited");
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();

        // another address is not held back, nor is a connection whose upgrade carries a token
        anonymous("203.0.113.8");
        UUID user = UUID.randomUUID();
        WsTestClient withToken = open(WsTestClient.connectWith(gateway.wsUri(), Map.of("X-Forwarded-For", "203.0.113.7",
                "Authorization", "Bearer " + tokens.accessToken(user, "user"))));
        assertThat(withToken.next("ready").path("userId").asString()).isEqualTo(user.toString());
    }

    @Test
    void aConnectionThatAuthenticatesGivesItsPlaceBack() {
        List<WsTestClient> waiting = new ArrayList<>();
        for (int i = 0; i < PER_ADDRESS; i++) {
            waiting.add(anonymous("198.51.100.1"));
        }
        assertThat(pending.count()).isEqualTo(PER_ADDRESS);

        waiting.getFirst().send("{\"type\":\"auth\",\"token\":\"" + tokens.accessToken(UUID.randomUUID(), "u") + "\"}")
                .next("ready");

        assertThat(pending.count()).isEqualTo(PER_ADDRESS - 1);
        anonymous("198.51.100.1");
    }

    @Test
    void theInstanceMayHoldOnlySoManyConnectionsThatHaveNotAuthenticated() {
        for (int i = 0; i < PER_INSTANCE; i++) {
            anonymous("192.0.2." + (i + 1));
        }
        assertThat(WsTestClient.refusedUpgradeStatus(gateway.wsUri(), from("192.0.2.100"))).isEqualTo(429);
    }

    @Test
    void theCountReturnsToZeroHoweverTheConnectionsEnd() throws Exception {
        for (int round = 0; round < 10; round++) {
            // a request to /ws that never becomes a WebSocket connection
            HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.wsPort() + "/ws"))
                    .header("X-Forwarded-For", "192.0.2.1").build(), HttpResponse.BodyHandlers.discarding());
            List<WsTestClient> authenticated = new ArrayList<>();
            for (int i = 0; i < PER_INSTANCE; i++) {
                WsTestClient client = WsTestClient.connectWith(gateway.wsUri(), from("192.0.2." + (i % 3 + 1)));
                switch (i % 4) {
                    case 0 -> client.abort(); // vanishes
                    case 1 -> client.close(); // says goodbye
                    case 2 -> assertThat(client.send("{\"type\":\"ping\"}").awaitClose()).isEqualTo(4001); // no auth
                    default -> authenticated.add(client.send("{\"type\":\"auth\",\"token\":\""
                            + tokens.accessToken(UUID.randomUUID(), "u") + "\"}"));
                }
            }
            for (WsTestClient client : authenticated) {
                client.next("ready");
                client.close();
            }
            awaitTrue("round " + round + " given back", Duration.ofSeconds(10), () -> pending.count() == 0);
        }
        // and those that never authenticate are closed at the auth timeout, giving their places back
        for (int i = 0; i < PER_ADDRESS; i++) {
            anonymous("192.0.2.50");
        }
        awaitTrue("places of the timed out given back", Duration.ofSeconds(20), () -> pending.count() == 0);
        assertThat(pending.addresses()).isZero();
    }

    @Test
    void aForwardedAddressCountsOnlyFromAConfiguredTrustedProxy() {
        try (SecondGateway untrusting = SecondGateway.start("gw-untrusting-" + UUID.randomUUID().toString().substring(0, 4),
                Map.of("parley.ws.limits.max-pending-auth-per-address", Integer.toString(PER_ADDRESS),
                        "parley.network.trusted-proxies", "10.0.0.0/8", "parley.ws.session.auth-timeout", AUTH_TIMEOUT))) {
            List<WsTestClient> waiting = new ArrayList<>();
            for (int i = 0; i < PER_ADDRESS; i++) {
                waiting.add(WsTestClient.connectWith(untrusting.wsUri(), from("203.0.113." + (20 + i))));
            }
            // loopback is no proxy of this instance's: each connection is 127.0.0.1's, whatever it forwards
            assertThat(WsTestClient.refusedUpgradeStatus(untrusting.wsUri(), from("203.0.113.99"))).isEqualTo(429);
            waiting.forEach(WsTestClient::close);
        }
    }

    private WsTestClient anonymous(String address) {
        return open(WsTestClient.connectWith(gateway.wsUri(), from(address)));
    }

    private WsTestClient open(WsTestClient client) {
        opened.add(client);
        return client;
    }

    private static Map<String, String> from(String address) {
        return Map.of("X-Forwarded-For", address);
    }
}
