package dev.parley.bench.idle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.bench.ceiling.CeilingServer;
import dev.parley.bench.ws.RefusingEdge;
import dev.parley.bench.ws.SourceAddresses;
import dev.parley.bench.ws.WsClient;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * W2's ramp opens again, a second later, a connection whose upgrade was answered 503 — a ws-gateway that could
 * not take it in time on a platform that just started — as a client would; only a connection still refused after
 * its retries, or refused otherwise, is the failure that ends the ramp.
 */
class IdleConnectionsTests {

    @Test
    void anUpgradeAnswered503IsOpenedAgainAndCounted() throws Exception {
        try (CeilingServer server = CeilingServer.start(0, 2);
             RefusingEdge edge = new RefusingEdge(server.port(), "503 Service Unavailable", 2);
             WsClient client = new WsClient(2, SourceAddresses.parse("127.0.0.1"));
             IdleConnections connections = new IdleConnections(client, endpoint(edge), List.of("a token"), 10)) {
            connections.ramp(3, 100, System.nanoTime(), 0, 1);

            assertThat(connections.firstFailure()).isNull();
            assertThat(connections.ready()).isEqualTo(3);
            assertThat(connections.upgradeRetries()).isEqualTo(2);
            assertThat(edge.upgrades()).isEqualTo(3 + 2);
        }
    }

    @Test
    void anUpgradeStillAnswered503AfterItsRetriesEndsTheRamp() throws Exception {
        try (CeilingServer server = CeilingServer.start(0, 2);
             RefusingEdge edge = new RefusingEdge(server.port(), "503 Service Unavailable", 1_000);
             WsClient client = new WsClient(2, SourceAddresses.parse("127.0.0.1"));
             IdleConnections connections = new IdleConnections(client, endpoint(edge), List.of("a token"), 10)) {
            connections.ramp(1, 100, System.nanoTime(), 0, 1);

            assertThat(connections.ready()).isZero();
            assertThat(connections.upgradeRetries()).isEqualTo(IdleConnections.UPGRADE_RETRIES);
            assertThat(connections.firstFailure()).contains("503")
                    .contains("after " + IdleConnections.UPGRADE_RETRIES + " retries");
        }
    }

    @Test
    void anUpgradeAnsweredOtherwiseIsNotRetried() throws Exception {
        try (CeilingServer server = CeilingServer.start(0, 2);
             RefusingEdge edge = new RefusingEdge(server.port(), "401 Unauthorized", 1);
             WsClient client = new WsClient(2, SourceAddresses.parse("127.0.0.1"));
             IdleConnections connections = new IdleConnections(client, endpoint(edge), List.of("a token"), 10)) {
            connections.ramp(1, 100, System.nanoTime(), 0, 1);

            assertThat(connections.upgradeRetries()).isZero();
            assertThat(connections.firstFailure()).contains("401");
            assertThat(edge.upgrades()).isEqualTo(1);
        }
    }

    private static URI endpoint(RefusingEdge edge) {
        return URI.create("ws://127.0.0.1:" + edge.port() + "/ws");
    }
}
