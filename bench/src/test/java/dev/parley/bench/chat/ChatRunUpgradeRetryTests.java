package dev.parley.bench.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.bench.ceiling.CeilingServer;
import dev.parley.bench.report.Progress;
import dev.parley.bench.ws.RefusingEdge;
import dev.parley.bench.ws.SourceAddresses;
import dev.parley.bench.ws.WsClient;
import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A chat run's set-up opens again a connection whose upgrade was answered 503 (the edge could not hand it to a
 * ws-gateway in time, ADR 0023), as a client would, and counts it; any other answer to an upgrade fails the run.
 * The refused connection is ended by the client, not left to the edge.
 */
class ChatRunUpgradeRetryTests {

    @Test
    void anUpgradeAnswered503IsOpenedAgainAndCounted() throws Exception {
        try (CeilingServer server = CeilingServer.start(0, 2);
             RefusingEdge edge = new RefusingEdge(server.port(), "503 Service Unavailable", 4);
             WsClient client = new WsClient(2, SourceAddresses.parse("127.0.0.1"));
             ChatRun run = ChatRun.open(scenario(edge), TestRooms.of(2, 3), client, Progress.quiet())) {
            assertThat(run.upgradeRetries()).isEqualTo(4);
            assertThat(edge.upgrades()).isEqualTo(6 + 4);
            // the edge keeps a refused connection open: the client ends it, and opens a new one for the retry
            assertThat(edge.refusedClosedByClient().await(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void anUpgradeAnsweredOtherwiseFailsTheRun() throws Exception {
        try (CeilingServer server = CeilingServer.start(0, 2);
             RefusingEdge edge = new RefusingEdge(server.port(), "401 Unauthorized", 1);
             WsClient client = new WsClient(2, SourceAddresses.parse("127.0.0.1"))) {
            assertThatThrownBy(() -> ChatRun.open(scenario(edge), TestRooms.of(2, 3), client, Progress.quiet()))
                    .hasMessageContaining("connect failed for 1 of 6");
        }
    }

    private static ChatScenario scenario(RefusingEdge edge) {
        return new ChatScenario("upgrade-retry-test", 2, 3, 60,
                List.of(URI.create("ws://127.0.0.1:" + edge.port() + "/ws")));
    }
}
