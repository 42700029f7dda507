package dev.parley.gateway.ws.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.gateway.ws.session.ClientSession;
import dev.parley.gateway.ws.session.SessionRegistry;
import dev.parley.gateway.ws.support.GatewayIntegrationTest;
import dev.parley.gateway.ws.support.SequencerStandIn;
import dev.parley.gateway.ws.support.WsTestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The frame allowance (contract §3, §7): a burst beyond it is refused, not punished; only a client that
 * keeps sending into its limit is closed with 4008 — and never before every send it had accepted is
 * acknowledged. A {@code subscribe} and a {@code read} cost a token like a {@code send}, out of the same allowance.
 */
class RateLimitTests extends GatewayIntegrationTest {

    private final SequencerStandIn sequencer = new SequencerStandIn(messageService);
    private final UUID alice = UUID.randomUUID();

    @Autowired
    private SessionRegistry sessions;

    @AfterEach
    void stopSequencer() throws InterruptedException {
        sequencer.close();
    }

    @Test
    void aBurstOfFortyIsHalfRefusedEveryAcceptedSendIsAckedAndTheConnectionStays() {
        UUID room = sequencedRoom();
        WsTestClient client = connectReady(alice).ignoring("presence", "message");
        long started = System.nanoTime();
        for (int i = 0; i < 40; i++) {
            client.send(send(room, "burst-" + i));
        }

        List<JsonNode> answers = answers(client, 40);
        // the burst of 20, and what refilled (10 a second) while the frames were being sent and answered: counted from
        // the time that took, as a slow machine takes longer (a fixed 4 allowed for 400 ms)
        double seconds = (System.nanoTime() - started) / 1e9;
        int mostAccepted = 20 + (int) (seconds * 10) + 1;
        assertThat(answers).filteredOn(frame -> frame.path("type").asString().equals("ack"))
                .extracting(frame -> frame.path("clientMsgId").asString())
                .containsAll(clientMsgIds(0, 20)).hasSizeLessThanOrEqualTo(mostAccepted);
        assertThat(answers).filteredOn(frame -> frame.path("type").asString().equals("error"))
                .as("refused, in %.2f s", seconds).hasSizeGreaterThanOrEqualTo(40 - mostAccepted)
                .allSatisfy(error -> {
                    assertThat(error.path("code").asString()).isEqualTo("rate_limited");
                    assertThat(error.path("retryAfterMs").asLong()).isBetween(1L, 100L);
                });
        client.send("{\"type\":\"ping\"}").await("pong");
        assertThat(client.isOpen()).isTrue();
    }

    @Test
    void aClientThatIgnoresRetryAfterIsClosedWith4008OnlyAfterItsAcceptedSendsAreAcked() throws Exception {
        UUID room = sequencedRoom();
        WsTestClient client = connectReady(alice).ignoring("presence", "message");
        sequencer.pause(); // the accepted sends stay unanswered while the client floods
        int sent = 0;
        long floodUntil = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (System.nanoTime() - floodUntil < 0 && client.isOpen()) {
            try {
                client.send(send(room, "flood-" + sent++));
            } catch (RuntimeException closedMeanwhile) {
                break;
            }
            Thread.sleep(2);
        }
        assertThat(client.isOpen()).as("still open: its accepted sends are not answered yet").isTrue();
        sequencer.resume();

        assertThat(client.awaitClose()).isEqualTo(4008);
        List<String> acked = new ArrayList<>();
        JsonNode frame;
        while ((frame = client.poll(Duration.ZERO)) != null) {
            if (frame.path("type").asString().equals("ack")) {
                acked.add(frame.path("clientMsgId").asString());
            }
        }
        // 20 at once, then 10 a second for the 2 s the gateway tolerates
        assertThat(acked).hasSizeBetween(30, 60);
        assertThat(acked).containsExactlyInAnyOrderElementsOf(
                messageService.messages(room).stream().map(message -> message.clientMsgId()).toList());
    }

    /**
     * A client that keeps to its allowance is judged by when its frames reached the gateway, not by when the gateway
     * got round to them: the frames that waited behind the connection's work while it stood still (as it does behind a
     * send held up by a Kafka outage, up to 5 s), those it stopped reading meanwhile included, are neither refused for
     * the wait nor held against the client, and it is never closed.
     */
    @Test
    void framesThatWaitedBehindStalledWorkAreJudgedByWhenTheyArrived() throws Exception {
        UUID room = sequencedRoom();
        WsTestClient client = connectReady(alice).ignoring("presence", "message");
        ClientSession session = sessions.ofUser(alice).iterator().next();
        CountDownLatch stalled = new CountDownLatch(1);
        session.work().execute(() -> {
            try {
                stalled.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        CompliantSender sender = new CompliantSender(client, room);
        sender.runFor(Duration.ofSeconds(3)); // its burst of 20, then 9 a second: some 45 frames, beyond the 32 read ahead
        stalled.countDown();
        sender.runFor(Duration.ofSeconds(2));
        sender.awaitAnswers(Duration.ofSeconds(20));

        assertThat(sender.sent).as("the burst, and 9 a second for 5 s").isGreaterThan(50);
        assertThat(sender.refused).as("refused of %d sent", sender.sent).isLessThanOrEqualTo(2);
        assertThat(sender.acked).hasSize(sender.sent - sender.refused);
        assertThat(client.isOpen()).isTrue();
    }

    /** Sends its burst of 20, then one every 111 ms (under the 10 a second allowed), silent for each retryAfterMs. */
    private static final class CompliantSender {

        private static final long INTERVAL = TimeUnit.MILLISECONDS.toNanos(111);
        private final WsTestClient client;
        private final UUID room;
        private final Set<String> acked = new HashSet<>();
        private int sent;
        private int refused;
        private long nextAt = System.nanoTime();

        CompliantSender(WsTestClient client, UUID room) {
            this.client = client;
            this.room = room;
        }

        void runFor(Duration duration) throws InterruptedException {
            long until = System.nanoTime() + duration.toNanos();
            while (System.nanoTime() - until < 0) {
                takeAnswers();
                long now = System.nanoTime();
                if (now - nextAt >= 0) {
                    client.send(send(room, "paced-" + sent++));
                    nextAt = sent < 20 ? now : now + INTERVAL;
                }
                Thread.sleep(1);
            }
        }

        void awaitAnswers(Duration timeout) throws InterruptedException {
            long until = System.nanoTime() + timeout.toNanos();
            while (acked.size() + refused < sent && System.nanoTime() - until < 0) {
                takeAnswers();
                Thread.sleep(5);
            }
        }

        private void takeAnswers() {
            JsonNode frame;
            while ((frame = client.poll(Duration.ZERO)) != null) {
                String type = frame.path("type").asString();
                if (type.equals("ack")) {
                    acked.add(frame.path("clientMsgId").asString());
                } else if (type.equals("error") && frame.path("code").asString().equals("rate_limited")) {
                    refused++;
                    long silentUntil = System.nanoTime()
                            + TimeUnit.MILLISECONDS.toNanos(frame.path("retryAfterMs").asLong());
                    if (silentUntil - nextAt > 0) {
                        nextAt = silentUntil;
                    }
                } else {
                    throw new AssertionError("unexpected frame " + frame);
                }
            }
        }
    }

    private static final int SUBSCRIBES = 28;

    @Test
    void subscribesBeyondTheAllowanceAreRefusedBeforeAnyLookupAndUnsubscribeIsFree() {
        UUID room = publicRoom(0, alice);
        WsTestClient client = connectReady(alice).ignoring("presence");
        int lookups = roomService.calls();
        // 28 and the two frames behind them stay within the 32 frames a connection may have waiting, so reading never
        // pauses and each frame is judged by its own arrival: frames read after a pause draw on what refilled during
        // it (ADR 0046), and whether a read ends before the pause depends on how the transport splits the bytes
        for (int i = 0; i < SUBSCRIBES; i++) {
            client.send(subscribe(room, "sub-" + i));
        }
        // right behind them, while the allowance is spent: a send (refused: the same allowance) and an
        // unsubscribe (answered: it costs nothing)
        client.send(send(room, "after-subscribes"));
        client.send("{\"type\":\"unsubscribe\",\"roomId\":\"" + room + "\",\"id\":\"u\"}");

        List<JsonNode> answers = answers(client, SUBSCRIBES);
        List<JsonNode> subscribed = answers.stream().filter(frame -> frame.path("type").asString().equals("subscribed"))
                .toList();
        // the burst of 20, and the odd token refilled while the client was sending
        assertThat(subscribed).hasSizeBetween(20, SUBSCRIBES - 1);
        assertThat(answers).filteredOn(frame -> frame.path("type").asString().equals("error"))
                .hasSize(SUBSCRIBES - subscribed.size())
                .allSatisfy(error -> {
                    assertThat(error.path("code").asString()).isEqualTo("rate_limited");
                    assertThat(error.path("retryAfterMs").asLong()).isBetween(1L, 100L);
                    assertThat(error.path("id").asString()).startsWith("sub-");
                });
        assertThat(roomService.calls() - lookups).as("room-service asked for accepted subscribes only")
                .isEqualTo(subscribed.size());
        JsonNode refusedSend = client.next("error");
        assertThat(refusedSend.path("code").asString()).isEqualTo("rate_limited");
        assertThat(refusedSend.path("id").asString()).isEqualTo("after-subscribes");
        assertThat(client.next("unsubscribed").path("id").asString()).isEqualTo("u");
        assertThat(client.isOpen()).isTrue();
    }

    @Test
    void aClientThatKeepsSubscribingIntoItsLimitIsClosedWith4008() throws Exception {
        UUID room = publicRoom(0);
        WsTestClient client = connectReady(alice).ignoring("presence");
        int sent = 0;
        long floodUntil = System.nanoTime() + Duration.ofSeconds(4).toNanos();
        while (System.nanoTime() - floodUntil < 0 && client.isOpen()) {
            try {
                client.send(subscribe(room, "flood-" + sent++));
            } catch (RuntimeException closedMeanwhile) {
                break;
            }
            Thread.sleep(2);
        }
        assertThat(client.awaitClose()).isEqualTo(4008);
    }

    /** Each {@code read} is a command on Kafka: a member's reads take tokens too, or one member could flood the topic. */
    @Test
    void readsOfAKnownMemberTakeTokensOfTheSameAllowance() {
        UUID room = sequencedRoom();
        WsTestClient client = connectReady(alice).ignoring("presence", "read");
        client.send(subscribe(room, "sub")).await("subscribed"); // alice is now known here as a member
        for (int i = 1; i <= 40; i++) {
            client.send("{\"type\":\"read\",\"roomId\":\"" + room + "\",\"seq\":" + i + ",\"id\":\"read-" + i + "\"}");
        }
        client.send(send(room, "after-reads")); // its answer (the allowance's refusal, or an ack) ends the reads' answers

        List<JsonNode> refused = new ArrayList<>();
        JsonNode frame;
        while (!(frame = client.next()).path("id").asString().equals("after-reads")) {
            refused.add(frame);
        }
        // 19 tokens left after the subscribe, and the odd one refilled while the frames were being sent
        assertThat(refused).hasSizeBetween(10, 21).allSatisfy(error -> {
            assertThat(error.path("code").asString()).isEqualTo("rate_limited");
            assertThat(error.path("id").asString()).startsWith("read-");
        });
        assertThat(client.isOpen()).isTrue();
    }

    private UUID sequencedRoom() {
        UUID room = publicRoom(0, alice);
        sequencer.handle(room);
        return room;
    }

    private static List<JsonNode> answers(WsTestClient client, int count) {
        List<JsonNode> answers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            answers.add(client.next());
        }
        return answers;
    }

    private static List<String> clientMsgIds(int from, int to) {
        List<String> ids = new ArrayList<>();
        for (int i = from; i < to; i++) {
            ids.add("burst-" + i);
        }
        return ids;
    }

    private static String subscribe(UUID room, String id) {
        return "{\"type\":\"subscribe\",\"roomId\":\"" + room + "\",\"id\":\"" + id + "\"}";
    }

    private static String send(UUID room, String clientMsgId) {
        return "{\"type\":\"send\",\"roomId\":\"" + room + "\",\"clientMsgId\":\"" + clientMsgId
                + "\",\"body\":\"hi\",\"id\":\"" + clientMsgId + "\"}";
    }
}
