package dev.parley.gateway.ws.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.events.Topic;
import dev.parley.events.message.MessagePosted;
import dev.parley.events.message.Origin;
import dev.parley.gateway.ws.session.ClientSession;
import dev.parley.gateway.ws.session.SessionRegistry;
import dev.parley.gateway.ws.support.GatewayIntegrationTest;
import dev.parley.gateway.ws.support.MessagePipelineStandIn;
import dev.parley.gateway.ws.support.RawWsClient;
import dev.parley.gateway.ws.support.SequencerStandIn;
import dev.parley.gateway.ws.support.WsTestClient;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * "The server acknowledges every send it accepted before it closes a connection for any reason it controls"
 * (contract §3): a client that breaks the protocol, or stops answering the heartbeat, while a send of its is
 * pending gets that send's ack first — and nothing it sends after the violation is acted on.
 */
class AnswersBeforeCloseTests extends GatewayIntegrationTest {

    @Autowired
    SessionRegistry sessions;

    @Autowired
    MeterRegistry meters;

    private final SequencerStandIn sequencer = new SequencerStandIn(messageService);
    private final UUID alice = UUID.randomUUID();

    @AfterEach
    void stopSequencer() throws InterruptedException {
        sequencer.close();
    }

    @Test
    void aSendFollowedByABinaryFrameIsAckedBeforeThe1003CloseAndWhatFollowsIsNotHandled() throws Exception {
        UUID room = sequencedRoom();
        WsTestClient client = connectReady(alice).ignoring("presence", "message");
        sequencer.pause();
        client.send(send(room, "before-binary"));
        client.sendBinary(new byte[] {1, 2, 3});
        client.send("{\"type\":\"ping\",\"id\":\"after-binary\"}");
        awaitCloseWaitingForTheAnswer();
        sequencer.resume();

        assertThat(client.next("ack").path("id").asString()).isEqualTo("before-binary");
        assertThat(client.awaitClose()).isEqualTo(1003);
        assertThat(client.poll(Duration.ofMillis(100))).as("no pong: the ping came after the binary frame").isNull();
    }

    @Test
    void aSendFollowedByAFrameOverTheLimitIsAckedBeforeThe1009Close() throws Exception {
        UUID room = sequencedRoom();
        WsTestClient client = connectReady(alice).ignoring("presence", "message");
        sequencer.pause();
        client.send(send(room, "before-oversized"));
        client.send("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(64 * 1024) + "\"}");
        awaitCloseWaitingForTheAnswer();
        sequencer.resume();

        assertThat(client.next("ack").path("id").asString()).isEqualTo("before-oversized");
        assertThat(client.awaitClose()).isEqualTo(1009);
    }

    @Test
    void aSendFollowedByTextThatIsNotUtf8IsAckedBeforeThe1007Close() throws Exception {
        UUID room = sequencedRoom();
        try (RawWsClient client = RawWsClient.connect(wsUri(), tokens.accessToken(alice, "alice"), 0)) {
            assertThat(client.next(Duration.ofSeconds(5)).path("type").asString()).isEqualTo("ready");
            sequencer.pause();
            client.sendText(send(room, "before-broken"));
            client.sendFrame(0x1, new byte[] {'{', (byte) 0xc3, (byte) 0x28, '}'}, true);
            awaitCloseWaitingForTheAnswer();
            sequencer.resume();

            assertAckedThenClosed(client, "before-broken", 1007);
        }
    }

    @Test
    void aClientThatMissesItsHeartbeatsWithASendPendingGetsItsAckBeforeThe4008Close() throws Exception {
        UUID room = sequencedRoom();
        try (RawWsClient client = RawWsClient.connect(wsUri(), tokens.accessToken(alice, "alice"), 0)) {
            client.answerPings(false);
            assertThat(client.next(Duration.ofSeconds(5)).path("type").asString()).isEqualTo("ready");
            sequencer.pause();
            client.sendText(send(room, "before-silence"));
            for (int pings = 0; pings < 2; pings++) {
                RawWsClient.Frame frame = client.read(Duration.ofSeconds(10));
                assertThat(frame).isNotNull();
                assertThat(frame.opcode()).as("a ping").isEqualTo(0x9);
            }
            awaitCloseWaitingForTheAnswer(); // decided at the heartbeat after those pings (2 s, test settings)
            sequencer.resume();

            assertAckedThenClosed(client, "before-silence", 4008);
        }
    }

    @Test
    void aSessionWhoseTokenExpiresWithASendPendingGetsItsAckButNoPushBeforeThe4001Close() throws Exception {
        UUID room = sequencedRoom();
        UUID followed = publicRoom(0, alice);
        WsTestClient client = track(WsTestClient.connect(wsUri(),
                tokens.accessTokenValidFor(alice, "alice", Duration.ofSeconds(2)))).ignoring("presence");
        client.next("ready");
        client.send(subscribe(followed)).next("subscribed");
        sequencer.pause();
        client.send(send(room, "before-expiry"));
        awaitCloseWaitingForTheAnswer(); // the token has expired; the 4001 waits for that send's answer
        double delivered = deliveredMessages();
        try (MessagePipelineStandIn pipeline = new MessagePipelineStandIn(Topic.MESSAGE_EVENTS)) {
            pipeline.publish(new MessagePosted(followed, 1, UUID.randomUUID(), UUID.randomUUID(), "after-expiry",
                    "not for an expired session", Instant.now(), UUID.randomUUID(), new Origin("gw-elsewhere", "s")));
        }
        awaitTrue("the fan-out handed the push to alice's subscription", Duration.ofSeconds(10),
                () -> deliveredMessages() > delivered);
        sequencer.resume();

        assertThat(client.next("ack").path("id").asString()).isEqualTo("before-expiry");
        assertThat(client.awaitClose()).isEqualTo(4001);
        assertThat(client.poll(Duration.ZERO)).as("no push after the expiry").isNull();
    }

    /**
     * The gateway has decided to close alice's connection (it is no longer open, though its socket is) while her
     * send is still unanswered — the sequencer holds it: the close waits for that answer. Until then the answer
     * could still come before the close for want of one. (A connection already gone closed without waiting: the
     * assertions after say so.)
     */
    private void awaitCloseWaitingForTheAnswer() {
        awaitTrue("the close decided, waiting for the pending send's answer", Duration.ofSeconds(10),
                () -> sessions.ofUser(alice).stream().noneMatch(ClientSession::isOpen)); // or already gone
    }

    private double deliveredMessages() {
        FunctionCounter counter = meters.find("parley.ws.deliveries").tag("type", "message").functionCounter();
        return counter == null ? 0 : counter.count();
    }

    private UUID sequencedRoom() {
        UUID room = publicRoom(0, alice);
        sequencer.handle(room);
        return room;
    }

    /** The answer to the pending send comes first (its frame's id echoed), then the close with that code. */
    private static void assertAckedThenClosed(RawWsClient client, String sendId, int closeCode) {
        JsonNode ack = nextSkippingPushes(client);
        assertThat(ack.path("type").asString()).isEqualTo("ack");
        assertThat(ack.path("id").asString()).isEqualTo(sendId);
        assertThat(client.awaitClose(Duration.ofSeconds(5))).isEqualTo(closeCode);
    }

    /** The next text frame that is not a presence push (alice is a member: her own presence may reach her). */
    private static JsonNode nextSkippingPushes(RawWsClient client) {
        JsonNode frame;
        do {
            frame = client.next(Duration.ofSeconds(10));
        } while (frame.path("type").asString().equals("presence"));
        return frame;
    }

    private static String send(UUID room, String clientMsgId) {
        return "{\"type\":\"send\",\"roomId\":\"" + room + "\",\"clientMsgId\":\"" + clientMsgId
                + "\",\"body\":\"hi\",\"id\":\"" + clientMsgId + "\"}";
    }
}
