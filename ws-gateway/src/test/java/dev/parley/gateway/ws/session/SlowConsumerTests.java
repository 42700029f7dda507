package dev.parley.gateway.ws.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.events.Topic;
import dev.parley.events.message.MessagePosted;
import dev.parley.events.message.Origin;
import dev.parley.gateway.ws.protocol.CloseCodes;
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
import org.springframework.beans.factory.annotation.Autowired;

/**
 * One client stops reading while a room is busy: the others keep receiving all the same — also while the stalled
 * one's socket takes nothing and it is still open — and the stalled one is closed with 4009 (it then resumes with
 * sinceSeq).
 */
class SlowConsumerTests extends GatewayIntegrationTest {

    private static final int MESSAGES = 600;
    private static final int STEP = 10;
    private static final String BODY = "x".repeat(3000);
    private static final int PONG = 0xA;

    @Autowired
    SessionRegistry sessions;

    @Test
    void aClientThatStopsReadingDoesNotHoldUpTheOthersAndIsClosedWith4009() throws Exception {
        UUID room = publicRoom(0);
        List<WsTestClient> readers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            WsTestClient reader = connectReady();
            reader.send(subscribe(room)).next("subscribed");
            readers.add(reader);
        }
        UUID stalledUser = UUID.randomUUID();
        try (RawWsClient stalled = RawWsClient.connect(wsUri(), tokens.accessToken(stalledUser, "stalled"), 4096);
             MessagePipelineStandIn pipeline = new MessagePipelineStandIn(Topic.MESSAGE_EVENTS)) {
            stalled.next(Duration.ofSeconds(5));
            stalled.sendText(subscribe(room));
            assertThat(stalled.next(Duration.ofSeconds(5)).path("type").asString()).isEqualTo("subscribed");
            ClientSession stalledSession = sessions.ofUser(stalledUser).iterator().next();
            // from here on the stalled client reads nothing

            // until its socket takes no more: the readers have every message so far
            long seq = 0;
            while (stalledSession.blockedWriteNanos() == 0) {
                assertThat(seq).as("the stalled client's socket filled up").isLessThan(MESSAGES / 2);
                seq = publishAndReceive(pipeline, room, seq, readers);
                stalled.sendFrame(PONG, new byte[0], true); // it still writes: alive, for the heartbeat
            }
            // more while it is blocked and still open: they reach the readers, not held up behind it
            seq = publishAndReceive(pipeline, room, seq, readers);
            assertThat(stalledSession.isOpen()).as("the stalled client still open").isTrue();
            assertThat(stalledSession.blockedWriteNanos()).as("its socket still blocked").isPositive();

            // more overflows what it may have waiting: it is closed with 4009
            long published = seq;
            while (published < MESSAGES && stalledSession.sentClose() == null) {
                publish(pipeline, room, ++published);
            }
            awaitTrue("the stalled client's close sent", Duration.ofSeconds(30), () -> stalledSession.sentClose() != null);
            assertThat(stalledSession.sentClose()).isEqualTo(CloseCodes.SLOW_CONSUMER);
            // it reads again as soon as the close is sent, with a window of a usual size: what the server had handed to
            // its socket, then the close frame, reach it before the close grace (send-time-limit) cuts a client that
            // still does not read. (Publishing the rest first took longer than that grace on a slow machine: -1.)
            assertThat(stalled.receiveBuffer(1 << 20).awaitClose(Duration.ofSeconds(20))).isEqualTo(4009);
            // the rest, and the readers get everything in order
            while (published < MESSAGES) {
                publish(pipeline, room, ++published);
            }
            for (WsTestClient reader : readers) {
                for (long next = seq + 1; next <= MESSAGES; next++) {
                    assertThat(reader.next("message").path("seq").asLong()).isEqualTo(next);
                }
            }
        }
        readers.getFirst().send("{\"type\":\"ping\"}").next("pong");
    }

    /** Publishes the next {@link #STEP} messages and has every reader receive them, in order. */
    private static long publishAndReceive(MessagePipelineStandIn pipeline, UUID room, long seq,
                                          List<WsTestClient> readers) {
        for (long next = seq + 1; next <= seq + STEP; next++) {
            publish(pipeline, room, next);
        }
        for (WsTestClient reader : readers) {
            for (long next = seq + 1; next <= seq + STEP; next++) {
                assertThat(reader.next("message").path("seq").asLong()).isEqualTo(next);
            }
        }
        return seq + STEP;
    }

    private static void publish(MessagePipelineStandIn pipeline, UUID room, long seq) {
        pipeline.publish(new MessagePosted(room, seq, UUID.randomUUID(), UUID.randomUUID(), "c" + seq, BODY,
                Instant.now(), UUID.randomUUID(), new Origin("gw-elsewhere", "s")));
    }
}
