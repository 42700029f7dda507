package dev.parley.gateway.ws.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.events.Topic;
import dev.parley.events.message.MessagePosted;
import dev.parley.events.message.Origin;
import dev.parley.gateway.ws.support.GatewayIntegrationTest;
import dev.parley.gateway.ws.support.MessagePipelineStandIn;
import dev.parley.gateway.ws.support.RawWsClient;
import dev.parley.gateway.ws.support.WsTestClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * One client stops reading while a room is busy: the others keep receiving as fast as ever, and the
 * stalled one is closed with 4009 (it then resumes with sinceSeq).
 */
class SlowConsumerTests extends GatewayIntegrationTest {

    private static final int MESSAGES = 600;

    @Test
    void aClientThatStopsReadingDoesNotDelayTheOthersAndIsClosedWith4009() throws Exception {
        UUID room = publicRoom(0);
        List<WsTestClient> readers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            WsTestClient reader = connectReady();
            reader.send(subscribe(room)).next("subscribed");
            readers.add(reader);
        }
        try (RawWsClient stalled = RawWsClient.connect(wsUri(), tokens.accessToken(UUID.randomUUID(), "stalled"), 4096);
             MessagePipelineStandIn pipeline = new MessagePipelineStandIn(Topic.MESSAGE_EVENTS)) {
            stalled.next(Duration.ofSeconds(5));
            stalled.sendText(subscribe(room));
            assertThat(stalled.next(Duration.ofSeconds(5)).path("type").asString()).isEqualTo("subscribed");
            // from here on the stalled client reads nothing

            String body = "x".repeat(3000);
            long started = System.nanoTime();
            for (long seq = 1; seq <= MESSAGES; seq++) {
                pipeline.publish(new MessagePosted(room, seq, UUID.randomUUID(), UUID.randomUUID(), "c" + seq,
                        body, Instant.now(), UUID.randomUUID(), new Origin("gw-elsewhere", "s")));
            }
            long published = System.nanoTime();
            Duration worstLag = Duration.ZERO;
            for (WsTestClient reader : readers) {
                for (long seq = 1; seq <= MESSAGES; seq++) {
                    JsonNode message = reader.next("message");
                    assertThat(message.path("seq").asLong()).isEqualTo(seq);
                    Duration lag = Duration.between(Instant.parse(message.path("createdAt").asString()), reader.receivedAt(message));
                    worstLag = lag.compareTo(worstLag) > 0 ? lag : worstLag;
                }
            }
            Duration deliveredAll = Duration.ofNanos(System.nanoTime() - started);
            // every reader had every message shortly after it was published, stalled client or not
            assertThat(worstLag).as("worst delivery lag").isLessThan(Duration.ofSeconds(3));
            assertThat(deliveredAll.minus(Duration.ofNanos(published - started))).isLessThan(Duration.ofSeconds(3));

            assertThat(stalled.awaitClose(Duration.ofSeconds(20))).isEqualTo(4009);
        }
        readers.getFirst().send("{\"type\":\"ping\"}").next("pong");
    }
}
