package dev.parley.gateway.ws.endpoint;

import static dev.parley.gateway.ws.support.TestGatewayProperties.SOONER_THAN_THE_HEARTBEAT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.gateway.ws.support.GatewayIntegrationTest;
import dev.parley.gateway.ws.support.RawWsClient;
import dev.parley.gateway.ws.support.WsTestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The per-user connection limit in a reconnect storm (contract §3): a phone that changed networks leaves
 * connections whose client is gone — they never answer again — and when the limit refuses the user a new
 * connection, those on this gateway are found by a ping and make way for it; live ones never do. The heartbeat
 * would find them only after two missed pings (6 s at the soonest with the tests' 2 s heartbeat); the probe window
 * is 1 s in the tests.
 */
class StaleConnectionTests extends GatewayIntegrationTest {

    @Test
    void aNewConnectionTakesThePlaceOfOneWhoseClientIsGone() {
        UUID user = UUID.randomUUID();
        for (int i = 0; i < 9; i++) {
            connectReady(user);
        }
        long started = System.nanoTime();
        try (RawWsClient gone = goneAfterReady(user)) {
            WsTestClient reconnected = track(WsTestClient.connect(wsUri(), tokens.accessToken(user, "phone")));

            assertThat(reconnected.next("ready").path("userId").asString()).isEqualTo(user.toString());
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(SOONER_THAN_THE_HEARTBEAT);
            assertThat(gone.awaitClose(Duration.ofSeconds(5))).isEqualTo(4008);
        }
    }

    @Test
    void connectionsRefusedWhileAProbeRunsWaitForItAndTakeThePlacesItFrees() {
        UUID user = UUID.randomUUID();
        for (int i = 0; i < 8; i++) {
            connectReady(user);
        }
        long started = System.nanoTime();
        try (RawWsClient laptop = goneAfterReady(user); RawWsClient phone = goneAfterReady(user)) {
            WsTestClient laptopAgain = track(WsTestClient.connect(wsUri(), tokens.accessToken(user, "laptop")));
            WsTestClient phoneAgain = track(WsTestClient.connect(wsUri(), tokens.accessToken(user, "phone")));

            assertThat(laptopAgain.next("ready").path("userId").asString()).isEqualTo(user.toString());
            assertThat(phoneAgain.next("ready").path("userId").asString()).isEqualTo(user.toString());
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(SOONER_THAN_THE_HEARTBEAT);
            assertThat(laptop.awaitClose(Duration.ofSeconds(5))).isEqualTo(4008);
            assertThat(phone.awaitClose(Duration.ofSeconds(5))).isEqualTo(4008);
        }
    }

    @Test
    void whenEveryConnectionAnswersItsPingTheNewestIsClosedWith4008AfterOneProbeWindow() {
        UUID user = UUID.randomUUID();
        List<WsTestClient> ten = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ten.add(connectReady(user));
        }
        long started = System.nanoTime();
        WsTestClient eleventh = track(WsTestClient.connect(wsUri(), tokens.accessToken(user, "greedy")));

        assertThat(eleventh.awaitClose()).isEqualTo(4008);
        // one window (1 s), with room for a busy machine: not held until some later timeout
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
        assertThat(eleventh.poll(Duration.ZERO)).as("no ready before the close").isNull();
        for (WsTestClient live : ten) {
            assertThat(live.send("{\"type\":\"ping\"}").next("pong")).isNotNull();
        }
    }

    /** A connection of the user that got its ready, whose client then neither reads nor answers anything. */
    private RawWsClient goneAfterReady(UUID user) {
        RawWsClient client = RawWsClient.connect(wsUri(), tokens.accessToken(user, "gone"), 0).answerPings(false);
        assertThat(client.next(Duration.ofSeconds(5)).path("type").asString()).isEqualTo("ready");
        return client;
    }
}
