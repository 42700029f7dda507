package dev.parley.bench.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.bench.ceiling.CeilingServer;
import dev.parley.bench.report.Progress;
import dev.parley.bench.ws.SourceAddresses;
import dev.parley.bench.ws.WsClient;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** W1's ceiling run: the chat clients, unchanged, against the ceiling server — every delivery checked as for Parley. */
class ChatRunAgainstCeilingTests {

    @Test
    void everyAcknowledgedMessageReachesEveryMemberOnceAndInOrder() throws Exception {
        try (CeilingServer server = CeilingServer.start(0, 2);
             WsClient client = new WsClient(2, SourceAddresses.parse("127.0.0.1"))) {
            ChatScenario scenario = new ChatScenario("ceiling-test", 2, 3, 60,
                    List.of(URI.create("ws://127.0.0.1:" + server.port() + "/ws")));
            Correctness correctness;
            try (ChatRun run = ChatRun.open(scenario, TestRooms.of(2, 3), client,
                    Progress.quiet())) {
                run.send(List.of(Phase.measured("measured", 20, Duration.ofSeconds(1)))).awaitEnd();
                correctness = run.drain(Duration.ofSeconds(5));
            }

            assertThat(correctness.sent()).isGreaterThanOrEqualTo(30);
            assertThat(correctness.expectedDeliveries()).isEqualTo(correctness.acked() * 3);
            assertThat(correctness.delivered()).isEqualTo(correctness.expectedDeliveries());
            assertThat(correctness.holds()).as("%s", correctness).isTrue();
        }
    }
}
