package dev.parley.bench.idle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.bench.ceiling.CeilingServer;
import dev.parley.bench.ws.ClientRetries;
import dev.parley.bench.ws.RefusingEdge;
import dev.parley.bench.ws.SourceAddresses;
import dev.parley.bench.ws.WsClient;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * W2's ramp opens again, a second later, a connection whose upgrade was answered 503 — a ws-gateway that could
 * not take it in time on a platform that just started — as a client would; only a connection still refused after
 * its retries, or refused otherwise, is the failure that ends the ramp.
 */
class IdleConnectionsTests {

    @Test
    void anUpgradeAnswered503IsOpenedAgainAndCounted() throws Exception {
        Outcome outcome = ramp("503 Service Unavailable", 2, 3);

        assertThat(outcome.firstFailure()).isNull();
        assertThat(outcome.ready()).isEqualTo(3);
        assertThat(outcome.upgradeRetries()).isEqualTo(2);
        assertThat(outcome.upgrades()).isEqualTo(3 + 2);
    }

    @Test
    void anUpgradeStillAnswered503AfterItsRetriesEndsTheRamp() throws Exception {
        Outcome outcome = ramp("503 Service Unavailable", 1_000, 1);

        assertThat(outcome.ready()).isZero();
        assertThat(outcome.upgradeRetries()).isEqualTo(ClientRetries.TIMES);
        assertThat(outcome.firstFailure()).contains("503")
                .contains("after " + ClientRetries.TIMES + " retries");
    }

    @Test
    void anUpgradeAnsweredOtherwiseIsNotRetried() throws Exception {
        Outcome outcome = ramp("401 Unauthorized", 1, 1);

        assertThat(outcome.upgradeRetries()).isZero();
        assertThat(outcome.firstFailure()).contains("401");
        assertThat(outcome.upgrades()).isEqualTo(1);
    }

    @Test
    void aRetryWaitingWhenOpeningStopsIsNotOpened() throws Exception {
        Outcome outcome = throughEdge("503 Service Unavailable", 1_000, connections -> {
            CompletableFuture<Void> ramp = CompletableFuture.runAsync(() -> ramp(connections, 1));
            await().atMost(Duration.ofSeconds(10)).until(() -> connections.upgradeRetries() == 1);
            connections.stop();
            ramp.get(10, TimeUnit.SECONDS);
        });

        assertThat(outcome.upgrades()).isEqualTo(1);
        assertThat(outcome.firstFailure()).isNull();
    }

    private record Outcome(int ready, int upgradeRetries, String firstFailure, int upgrades) {
    }

    /** Ramps {@code count} connections through the edge of {@link #throughEdge}. */
    private static Outcome ramp(String status, int refusals, int count) throws Exception {
        return throughEdge(status, refusals, connections -> ramp(connections, count));
    }

    private static void ramp(IdleConnections connections, int count) {
        try {
            connections.ramp(count, 100, System.nanoTime(), 0, 1);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface Scenario {
        void run(IdleConnections connections) throws Exception;
    }

    /**
     * Runs {@code scenario} on connections through an edge answering its first {@code refusals} upgrades
     * {@code status}.
     */
    private static Outcome throughEdge(String status, int refusals, Scenario scenario) throws Exception {
        try (CeilingServer server = CeilingServer.start(0, 2);
             RefusingEdge edge = new RefusingEdge(server.port(), status, refusals);
             WsClient client = new WsClient(2, SourceAddresses.parse("127.0.0.1"));
             IdleConnections connections = new IdleConnections(client,
                     URI.create("ws://127.0.0.1:" + edge.port() + "/ws"), List.of("a token"), 10)) {
            scenario.run(connections);
            return new Outcome(connections.ready(), connections.upgradeRetries(), connections.firstFailure(),
                    edge.upgrades());
        }
    }
}
