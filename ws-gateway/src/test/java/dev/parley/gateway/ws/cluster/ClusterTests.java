package dev.parley.gateway.ws.cluster;

import static dev.parley.gateway.ws.support.TestGatewayProperties.SOONER_THAN_THE_HEARTBEAT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.events.Topic;
import dev.parley.events.room.MemberJoined;
import dev.parley.gateway.ws.support.GatewayIntegrationTest;
import dev.parley.gateway.ws.support.MessagePipelineStandIn;
import dev.parley.gateway.ws.support.RawWsClient;
import dev.parley.gateway.ws.support.SecondGateway;
import dev.parley.gateway.ws.support.SequencerStandIn;
import dev.parley.gateway.ws.support.WsTestClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Two (and for the crash, three) gateway instances in one JVM, each its own application context with
 * its own port and gateway id, on the same Kafka and Redis; message-service's command side is stood
 * in for by a sequencer on real Kafka. Instance A is the shared test context; B lives for the class
 * and is shut down cleanly by the last test; C is started to be crashed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterTests extends GatewayIntegrationTest {

    private static SecondGateway b;
    /**
     * How long B's connections stay recorded without a refresh: long, so that its users going offline at its clean
     * shutdown cannot be taken for its records expiring, however slow the shutdown.
     */
    private static final Duration B_PRESENCE_TTL = Duration.ofSeconds(30);
    private static SequencerStandIn sequencer;
    /** How long C's connections stay recorded without a refresh: short, so that its crash is soon noticed. */
    private static final Duration CRASHED_PRESENCE_TTL = Duration.ofSeconds(3);
    /**
     * From C's crash to its users' {@code offline}: its TTL and a sweep (3.5 s), then Kafka, with room for a busy machine
     * (6 s left 2.5 s, while C's context was closing too) — far sooner than the default TTL (45 s) C's records would have
     * if its own were not honoured.
     */
    private static final Duration OFFLINE_AFTER_A_CRASH = CRASHED_PRESENCE_TTL.plusSeconds(7);

    @Autowired
    MeterRegistry meters;

    private final MessagePipelineStandIn roomEvents = new MessagePipelineStandIn(Topic.ROOM_EVENTS);

    @org.junit.jupiter.api.AfterEach
    void closeRoomEvents() {
        roomEvents.close();
    }

    @BeforeAll
    static void startInstanceBAndTheSequencer() {
        b = SecondGateway.start("gw-b-" + UUID.randomUUID().toString().substring(0, 4),
                Map.of("parley.ws.presence.ttl", B_PRESENCE_TTL.toSeconds() + "s"));
        sequencer = new SequencerStandIn(messageService);
    }

    @AfterAll
    static void stop() throws Exception {
        sequencer.close();
        b.close();
    }

    @Test
    @Order(1)
    void membersOnDifferentInstancesSeeEachOthersMessagesInTheSameOrder() throws Exception {
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        UUID room = sequencedRoom(alice, bob);
        WsTestClient onA = subscribed(wsUri(), alice, room);
        WsTestClient onB = subscribed(b.wsUri(), bob, room);
        Thread.sleep(150); // each subscribe took a token of the allowance: the 20 sends below are a whole burst

        Thread aliceSends = Thread.ofVirtual().start(() -> sendMany(onA, room, "alice", 20));
        Thread bobSends = Thread.ofVirtual().start(() -> sendMany(onB, room, "bob", 20));
        aliceSends.join();
        bobSends.join();

        Predicate<Received> everyMessageAndOwnAck = received -> received.messages().size() >= 40
                && received.acks().size() >= 20;
        Received seenOnA = receive(onA, everyMessageAndOwnAck);
        Received seenOnB = receive(onB, everyMessageAndOwnAck);
        assertThat(seenOnA.messages()).hasSize(40).isEqualTo(seenOnB.messages());
        assertThat(seenOnA.messages()).extracting(message -> message.path("seq").asLong())
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 40).boxed().toList());
        assertThat(seenOnA.acks()).hasSize(20).allMatch(ack -> ack.path("clientMsgId").asString().startsWith("alice"));
        assertThat(seenOnB.acks()).hasSize(20).allMatch(ack -> ack.path("clientMsgId").asString().startsWith("bob"));
    }

    @Test
    @Order(2)
    void presenceIsClusterWide() throws Exception {
        UUID carol = UUID.randomUUID();
        UUID dave = UUID.randomUUID();
        UUID room = sequencedRoom(carol);
        WsTestClient carolOnA = subscribed(wsUri(), carol, room);
        roomEvents.publish(new MemberJoined(room, dave, "member", Instant.now()));
        carolOnA.await("member_joined");

        WsTestClient daveOnB = connectReady(b.wsUri(), dave);
        JsonNode online = carolOnA.await("presence");
        assertThat(online.path("userId").asString()).isEqualTo(dave.toString());
        assertThat(online.path("status").asString()).isEqualTo("online");
        WsTestClient daveOnA = connectReady(dave);
        assertThat(onlineMembers(b.port(), room, carol)).containsExactlyInAnyOrder(carol.toString(), dave.toString());
        assertThat(onlineMembers(port, room, carol)).containsExactlyInAnyOrder(carol.toString(), dave.toString());

        daveOnB.close();
        carolOnA.expectNo("presence", Duration.ofMillis(700)); // still connected to A
        daveOnA.close();
        long closedAt = System.nanoTime();
        JsonNode offline = carolOnA.await("presence");
        assertThat(offline.path("status").asString()).isEqualTo("offline");
        assertThat(Duration.ofNanos(System.nanoTime() - closedAt)).isLessThan(Duration.ofSeconds(2));
        assertThat(onlineMembers(b.port(), room, carol)).containsExactly(carol.toString());
    }

    @Test
    @Order(3)
    void aClientThatReconnectsElsewhereAndResendsGetsTheAckOfTheOriginalMessage() {
        UUID erin = UUID.randomUUID();
        UUID room = sequencedRoom(erin);
        WsTestClient erinOnB = subscribed(b.wsUri(), erin, room);
        sequencer.pause();
        try {
            erinOnB.send(send(room, "only-once", "hello", "first-try"));
            erinOnB.expectNo("ack", Duration.ofMillis(300));
            erinOnB.close(); // the connection drops before the ack

            WsTestClient erinOnA = subscribed(wsUri(), erin, room);
            erinOnA.send(send(room, "only-once", "hello", "second-try"));
            sequencer.resume();
            JsonNode message = erinOnA.await("message");
            JsonNode ack = erinOnA.await("ack");
            assertThat(ack.path("id").asString()).isEqualTo("second-try");
            assertThat(ack.path("seq").asLong()).isEqualTo(1);
            assertThat(ack.path("messageId").asString()).isEqualTo(message.path("id").asString());
            erinOnA.expectNo("message", Duration.ofMillis(500)); // the resend made no second message
            assertThat(messageService.lastSeq(room)).isEqualTo(1);
        } finally {
            sequencer.resume();
        }
    }

    /**
     * A reconnect storm spread over two instances (ADR 0026): the user's connection on B whose client is gone makes
     * way for a new one on A, before B's heartbeat would have found it.
     */
    @Test
    @Order(4)
    void aNewConnectionOnOneInstanceTakesThePlaceOfAGoneOneOnAnother() {
        UUID ivan = UUID.randomUUID();
        for (int i = 0; i < 9; i++) {
            connectReady(ivan);
        }
        long started = System.nanoTime();
        try (RawWsClient goneOnB = RawWsClient.connect(b.wsUri(), tokens.accessToken(ivan, "gone"), 0)
                .answerPings(false)) {
            assertThat(goneOnB.next(Duration.ofSeconds(5)).path("type").asString()).isEqualTo("ready");
            WsTestClient reconnected = track(WsTestClient.connect(wsUri(), tokens.accessToken(ivan, "phone")));

            assertThat(reconnected.next("ready").path("userId").asString()).isEqualTo(ivan.toString());
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(SOONER_THAN_THE_HEARTBEAT);
            assertThat(goneOnB.awaitClose(Duration.ofSeconds(5))).isEqualTo(4008);
        }
    }

    /** Live connections on the other instance answer its ping and keep their places: the newest is refused. */
    @Test
    @Order(5)
    void liveConnectionsOnAnotherInstanceKeepTheNewestOut() {
        UUID judy = UUID.randomUUID();
        List<WsTestClient> ten = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ten.add(connectReady(judy));
            ten.add(connectReady(b.wsUri(), judy));
        }
        double answered = probesElsewhere("answered");
        double unanswered = probesElsewhere("unanswered");
        WsTestClient eleventh = track(WsTestClient.connect(wsUri(), tokens.accessToken(judy, "greedy")));

        assertThat(eleventh.awaitClose()).isEqualTo(4008);
        // B answered once its probe was over: A did not wait for the unanswered deadline (2.5 windows)
        assertThat(probesElsewhere("answered")).as("A's request answered by B").isEqualTo(answered + 1);
        assertThat(probesElsewhere("unanswered")).as("none left unanswered").isEqualTo(unanswered);
        assertThat(eleventh.poll(Duration.ZERO)).as("no ready before the close").isNull();
        for (WsTestClient live : ten) {
            assertThat(live.send("{\"type\":\"ping\"}").next("pong")).isNotNull();
        }
    }

    /**
     * Contract §5.5: Redis down → messages still flow; presence is what degrades. D loses Redis while its
     * clients stay: they send and receive, and a new client connects, subscribes and sends there.
     */
    @Test
    @Order(6)
    void withoutRedisAnInstancesClientsStillConnectSendAndReceive() throws Exception {
        UUID alice = UUID.randomUUID();
        UUID dora = UUID.randomUUID();
        UUID ed = UUID.randomUUID();
        UUID room = sequencedRoom(alice, dora, ed);
        WsTestClient aliceOnA = subscribed(wsUri(), alice, room);
        try (SecondGateway d = SecondGateway.start("gw-d-" + UUID.randomUUID().toString().substring(0, 4), Map.of())) {
            WsTestClient doraOnD = subscribed(d.wsUri(), dora, room);
            d.loseRedis();

            doraOnD.send(send(room, "dora-1", "said without Redis", null));
            assertThat(aliceOnA.await("message").path("body").asString()).isEqualTo("said without Redis");
            aliceOnA.send(send(room, "alice-1", "heard without Redis", null));
            assertThat(aliceOnA.await("message").path("seq").asLong()).isEqualTo(2);
            WsTestClient edOnD = subscribed(d.wsUri(), ed, room);
            edOnD.send(send(room, "ed-1", "joined without Redis", null));

            assertThat(aliceOnA.await("message").path("seq").asLong()).isEqualTo(3);
            Received byDora = receiveUpTo(doraOnD, 3, 1);
            assertThat(byDora.messages()).extracting(message -> message.path("body").asString())
                    .containsExactly("said without Redis", "heard without Redis", "joined without Redis");
            assertThat(byDora.acks()).extracting(ack -> ack.path("seq").asLong()).containsExactly(1L);
            Received byEd = receiveUpTo(edOnD, 3, 1);
            assertThat(byEd.messages()).extracting(message -> message.path("seq").asLong()).containsExactly(3L);
            assertThat(byEd.acks()).extracting(ack -> ack.path("seq").asLong()).containsExactly(3L);
        }
    }

    @Test
    @Order(7)
    void aCrashedInstancesUsersGoOfflineWithinTheTtlAndResumeElsewhereWithoutLoss() throws Exception {
        UUID alice = UUID.randomUUID();
        UUID frank = UUID.randomUUID();
        UUID grace = UUID.randomUUID();
        UUID room = sequencedRoom(alice, frank, grace);
        WsTestClient aliceOnA = subscribed(wsUri(), alice, room);
        long lastSeenByGrace;
        long crashedAt;
        try (SecondGateway c = SecondGateway.start("gw-c-" + UUID.randomUUID().toString().substring(0, 4),
                Map.of("parley.ws.presence.ttl", CRASHED_PRESENCE_TTL.toSeconds() + "s"))) {
            subscribed(c.wsUri(), frank, room);
            WsTestClient graceOnC = subscribed(c.wsUri(), grace, room);
            for (int i = 1; i <= 5; i++) {
                aliceOnA.send(send(room, "before-" + i, "before the crash " + i, null));
            }
            for (int i = 1; i <= 5; i++) {
                assertThat(graceOnC.await("message").path("seq").asLong()).isEqualTo(i);
            }
            lastSeenByGrace = 5;

            c.loseRedis(); // from here on C can neither refresh nor remove its users' connections: it is dead
            crashedAt = System.nanoTime();
        }
        for (int i = 1; i <= 5; i++) {
            aliceOnA.send(send(room, "after-" + i, "after the crash " + i, null));
        }

        // Frank does not come back: A's sweep takes him offline once his records expire (ttl 3 s + sweep 0.5 s)
        awaitPresence(aliceOnA, frank, "offline");
        assertThat(Duration.ofNanos(System.nanoTime() - crashedAt)).isLessThan(OFFLINE_AFTER_A_CRASH);

        // Grace reconnects to A and resumes where she was
        WsTestClient graceOnA = connectReady(grace);
        graceOnA.send(subscribe(room, lastSeenByGrace)).await("subscribed");
        for (long seq = lastSeenByGrace + 1; seq <= 10; seq++) {
            assertThat(graceOnA.await("message").path("seq").asLong()).isEqualTo(seq);
        }
        graceOnA.expectNo("message", Duration.ofMillis(300));
    }

    @Test
    @Order(8)
    void aCleanShutdownClosesItsSessionsWith1012AndTheirUsersGoOfflineAtOnce() throws Exception {
        UUID alice = UUID.randomUUID();
        UUID henry = UUID.randomUUID();
        UUID room = sequencedRoom(alice, henry);
        WsTestClient aliceOnA = subscribed(wsUri(), alice, room);
        WsTestClient henryOnB = subscribed(b.wsUri(), henry, room);

        long stopping = System.nanoTime();
        b.close();
        assertThat(henryOnB.awaitClose()).isEqualTo(1012);
        awaitPresence(aliceOnA, henry, "offline");
        // well within B's TTL: B took them offline, not their records expiring (4 s against the usual 6 s was too
        // close to tell the two apart on a loaded machine, where the shutdown alone may take seconds)
        assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(B_PRESENCE_TTL.dividedBy(2));
        assertThat(WsTestClient.refusedOrClosed(b.wsUri())).isTrue();
    }

    /** Instance A's requests to the others to probe a user's connections, by outcome. */
    private double probesElsewhere(String outcome) {
        Counter counter = meters.find("parley.ws.probes.elsewhere").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private static UUID sequencedRoom(UUID... members) {
        UUID room = UUID.randomUUID();
        roomService.register(room, "public", members);
        sequencer.handle(room);
        return room;
    }

    private WsTestClient subscribed(URI gateway, UUID user, UUID room) {
        WsTestClient client = connectReady(gateway, user);
        client.send(subscribe(room)).await("subscribed");
        return client;
    }

    private static void sendMany(WsTestClient client, UUID room, String prefix, int count) {
        for (int i = 0; i < count; i++) {
            client.send(send(room, prefix + "-" + i, prefix + " says " + i, prefix + i));
        }
    }

    private record Received(List<JsonNode> messages, List<JsonNode> acks) {
    }

    /** The messages and acks a client gets, in the order they come, until there are enough of them. */
    private static Received receive(WsTestClient client, Predicate<Received> enough) {
        Received received = new Received(new ArrayList<>(), new ArrayList<>());
        while (!enough.test(received)) {
            JsonNode frame = client.next();
            switch (frame.path("type").asString()) {
                case "message" -> received.messages().add(frame);
                case "ack" -> received.acks().add(frame);
                default -> { }
            }
        }
        return received;
    }

    /** Up to the message of {@code seq} and {@code acks} acks, whichever comes last. */
    private static Received receiveUpTo(WsTestClient client, long seq, int acks) {
        return receive(client, received -> received.acks().size() >= acks && !received.messages().isEmpty()
                && received.messages().getLast().path("seq").asLong() >= seq);
    }

    private static void awaitPresence(WsTestClient client, UUID user, String status) {
        while (true) {
            JsonNode presence = client.await("presence");
            if (presence.path("userId").asString().equals(user.toString())
                    && presence.path("status").asString().equals(status)) {
                return;
            }
        }
    }

    private List<String> onlineMembers(int gatewayPort, UUID room, UUID asUser) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + gatewayPort + "/api/rooms/" + room + "/presence"))
                .header("Authorization", "Bearer " + tokens.accessToken(asUser, "u")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> online = new ArrayList<>();
        tools.jackson.databind.json.JsonMapper.builder().build().readTree(response.body()).path("online")
                .forEach(user -> online.add(user.asString()));
        return online;
    }

    private static String send(UUID room, String clientMsgId, String body, String id) {
        return "{\"type\":\"send\",\"roomId\":\"" + room + "\",\"clientMsgId\":\"" + clientMsgId + "\",\"body\":\""
                + body + "\"" + (id == null ? "" : ",\"id\":\"" + id + "\"") + "}";
    }
}
