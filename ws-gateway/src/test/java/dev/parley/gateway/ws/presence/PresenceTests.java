package dev.parley.gateway.ws.presence;

import static dev.parley.testing.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.events.Topic;
import dev.parley.events.presence.PresenceEvent;
import dev.parley.events.presence.UserOffline;
import dev.parley.events.presence.UserOnline;
import dev.parley.events.room.MemberJoined;
import dev.parley.gateway.ws.GatewayProperties;
import dev.parley.gateway.ws.support.GatewayIntegrationTest;
import dev.parley.gateway.ws.support.MessagePipelineStandIn;
import dev.parley.gateway.ws.support.WsTestClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class PresenceTests extends GatewayIntegrationTest {

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    GatewayProperties gateway;

    private final MessagePipelineStandIn presenceEvents = new MessagePipelineStandIn(Topic.PRESENCE_EVENTS);

    @AfterEach
    void closeEvents() {
        presenceEvents.close();
    }

    @Test
    void connectionIsRecordedInRedisWhileOpenAndRemovedWhenClosed() {
        UUID user = UUID.randomUUID();
        String key = PresenceKeys.connections(user);
        WsTestClient first = track(WsTestClient.connect(wsUri(), tokens.accessToken(user, "frank")));
        String firstSession = first.next("ready").path("sessionId").asString();
        WsTestClient second = connectReady(user);

        Double expiresAt = redis.opsForZSet().score(key, gateway.gatewayId() + "/" + firstSession);
        assertThat(expiresAt).isGreaterThan((double) System.currentTimeMillis());
        assertThat(redis.opsForZSet().zCard(key)).isEqualTo(2);
        assertThat(redis.opsForZSet().score(PresenceKeys.online(), user.toString())).isNotNull();

        first.close();
        awaitTrue("first connection removed", Duration.ofSeconds(5), () -> redis.opsForZSet().zCard(key) == 1);
        second.close();
        awaitTrue("user offline", Duration.ofSeconds(5), () -> !redis.hasKey(key)
                && redis.opsForZSet().score(PresenceKeys.online(), user.toString()) == null);
    }

    @Test
    void membersFollowingARoomSeeAnotherMemberComeOnlineAndGoOfflineWithinTwoSeconds() {
        UUID carol = UUID.randomUUID();
        UUID dave = UUID.randomUUID();
        UUID room = publicRoom(0, carol);
        WsTestClient carolClient = connectReady(carol);
        carolClient.send(subscribe(room)).next("subscribed");
        presenceEvents.publish(new MemberJoined(room, dave, "member", Instant.now())); // Dave joins the room
        carolClient.await("member_joined");

        WsTestClient daveFirst = connectReady(dave);
        JsonNode online = presenceOf(carolClient, dave);
        assertThat(online.path("roomId").asString()).isEqualTo(room.toString());
        assertThat(online.path("status").asString()).isEqualTo("online");
        WsTestClient daveSecond = connectReady(dave);
        daveFirst.close();
        expectNoPresenceOf(carolClient, dave, Duration.ofMillis(700)); // Dave is still connected

        daveSecond.close();
        long closedAt = System.nanoTime();
        JsonNode offline = presenceOf(carolClient, dave);
        assertThat(Duration.ofNanos(System.nanoTime() - closedAt)).isLessThan(Duration.ofSeconds(2));
        assertThat(offline.path("status").asString()).isEqualTo("offline");
    }

    @Test
    void aReconnectWithinTheLingerMakesNoOfflineOrOnlineAndTheLastCloseStillGoesOfflineWithinTwoSeconds() {
        UUID dave = UUID.randomUUID();
        WsTestClient carolClient = followerOfARoomWith(dave);
        WsTestClient before = connectReady(dave);
        assertThat(presenceOf(carolClient, dave).path("status").asString()).isEqualTo("online");

        // a page reload: the same user is back a moment later. The new page's connection is open already and says
        // who it is once the old one is gone, so that only its auth frame, not a whole connect, has to fit in the
        // linger (1 s from the removal), which a whole connect on a loaded machine may not
        String token = tokens.accessToken(dave, "dave");
        WsTestClient after = connectAnonymously();
        before.close();
        awaitTrue("the connection removed", Duration.ofSeconds(5),
                () -> !redis.hasKey(PresenceKeys.connections(dave)));
        after.send("{\"type\":\"auth\",\"token\":\"" + token + "\"}").next("ready");
        expectNoPresenceOf(carolClient, dave, Duration.ofMillis(2500)); // well past the linger (1 s)
        assertThat(transitionsUpTo(dave, UserOnline.class)).hasSize(1).first().isInstanceOf(UserOnline.class);

        after.close();
        long closedAt = System.nanoTime();
        assertThat(presenceOf(carolClient, dave).path("status").asString()).isEqualTo("offline");
        assertThat(Duration.ofNanos(System.nanoTime() - closedAt)).isLessThan(Duration.ofSeconds(2));
    }

    /** Carol's client following a public room of hers that the member has joined, once it has seen the join. */
    private WsTestClient followerOfARoomWith(UUID member) {
        UUID carol = UUID.randomUUID();
        UUID room = publicRoom(0, carol);
        WsTestClient carolClient = connectReady(carol);
        carolClient.send(subscribe(room)).next("subscribed");
        presenceEvents.publish(new MemberJoined(room, member, "member", Instant.now()));
        carolClient.await("member_joined");
        return carolClient;
    }

    /** The next presence push about the user: Carol's own {@code online} may reach her once she follows the room. */
    private static JsonNode presenceOf(WsTestClient client, UUID user) {
        JsonNode frame = client.await("presence");
        while (!frame.path("userId").asString().equals(user.toString())) {
            frame = client.await("presence");
        }
        return frame;
    }

    /**
     * The user's transitions up to the first of this kind, and any in the second after it: a second offline or online
     * would be there. (Collected for a fixed time instead, 2 s from the last close left 1 s for the linger's end to
     * reach Kafka and come back.)
     */
    private List<PresenceEvent> transitionsUpTo(UUID user, Class<? extends PresenceEvent> kind) {
        List<PresenceEvent> transitions = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (transitions.stream().noneMatch(kind::isInstance)) {
            assertThat(System.nanoTime()).as("the user's %s within 15 s", kind.getSimpleName()).isLessThan(deadline);
            presenceEvents.collect(PresenceEvent.class, Duration.ofMillis(200)).stream()
                    .filter(event -> event.userId().equals(user)).forEach(transitions::add);
        }
        presenceEvents.collect(PresenceEvent.class, Duration.ofSeconds(1)).stream()
                .filter(event -> event.userId().equals(user)).forEach(transitions::add);
        return transitions;
    }

    private static void expectNoPresenceOf(WsTestClient client, UUID user, Duration duration) {
        long deadline = System.nanoTime() + duration.toNanos();
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            JsonNode frame = client.poll(Duration.ofNanos(left));
            assertThat(frame != null && frame.path("type").asString().equals("presence")
                    && frame.path("userId").asString().equals(user.toString())).as("unexpected %s", frame).isFalse();
        }
    }

    @Test
    void transitionsArePublishedExactlyOnceWhateverTheConcurrency() throws Exception {
        UUID user = UUID.randomUUID();
        List<WsTestClient> clients = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<WsTestClient>> opening = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                opening.add(pool.submit(() -> connectReady(user)));
            }
            for (Future<WsTestClient> future : opening) {
                clients.add(future.get());
            }
            List<Future<?>> closing = new ArrayList<>();
            for (WsTestClient client : clients) {
                closing.add(pool.submit(client::close));
            }
            for (Future<?> future : closing) {
                future.get();
            }
        }
        List<PresenceEvent> transitions = transitionsUpTo(user, UserOffline.class);
        assertThat(transitions).hasSize(2);
        assertThat(transitions.get(0)).isInstanceOf(UserOnline.class);
        assertThat(transitions.get(1)).isInstanceOf(UserOffline.class);
    }

    @Test
    void aUserWhoseConnectionsExpiredIsSweptOfflineAndTheRoomIsTold() {
        UUID ghost = UUID.randomUUID();
        WsTestClient carolClient = followerOfARoomWith(ghost);
        // the ghost's only connection was on a gateway that died a moment ago: nobody refreshes it
        long expiresAt = System.currentTimeMillis() + 1000;
        redis.opsForZSet().add(PresenceKeys.connections(ghost), "gw-dead/s1", expiresAt);
        redis.opsForZSet().add(PresenceKeys.online(), ghost.toString(), expiresAt);

        JsonNode offline = carolClient.await("presence");
        assertThat(offline.path("userId").asString()).isEqualTo(ghost.toString());
        assertThat(offline.path("status").asString()).isEqualTo("offline");
        // the sweep (every 500 ms in the tests), then Kafka and the fan-out, with room for a busy machine (2 s left 1.5 s);
        // far sooner than the default TTL (45 s) the contract's promise after a crash counts from
        assertThat(System.currentTimeMillis()).isLessThan(expiresAt + 4000);
        assertThat(redis.hasKey(PresenceKeys.connections(ghost))).isFalse();
    }

    @Test
    void aUserAtTheConnectionLimitOnAGatewayThatDiedConnectsAgainOnceItsConnectionsExpire() {
        UUID dan = UUID.randomUUID();
        // ten connections on a gateway killed a moment ago: nobody refreshes or closes them, nor answers the limit's
        // probe — the refusal waits for it 2.5 probe windows (2.5 s in the tests), and they outlast that
        long expiresAt = System.currentTimeMillis() + 4000;
        for (int i = 0; i < 10; i++) {
            redis.opsForZSet().add(PresenceKeys.connections(dan), "gw-dead/s" + i, expiresAt);
        }
        WsTestClient refused = track(WsTestClient.connect(wsUri(), tokens.accessToken(dan, "dan")));
        assertThat(refused.awaitClose()).isEqualTo(4008);

        awaitTrue("the dead gateway's connections expired", Duration.ofSeconds(6),
                () -> System.currentTimeMillis() > expiresAt);
        WsTestClient admitted = track(WsTestClient.connect(wsUri(), tokens.accessToken(dan, "dan")));
        assertThat(admitted.next("ready").path("userId").asString()).isEqualTo(dan.toString());
    }

    @Test
    void presenceEndpointListsTheOnlineMembersToWhoeverMayReadTheRoom() throws Exception {
        UUID erin = UUID.randomUUID();
        UUID frank = UUID.randomUUID();
        UUID offlineMember = UUID.randomUUID();
        UUID room = privateRoom(erin, frank, offlineMember);
        connectReady(erin).send(subscribe(room)).next("subscribed");
        connectReady(frank).send(subscribe(room)).next("subscribed");
        presenceEvents.publish(new MemberJoined(room, offlineMember, "member", Instant.now()));
        awaitTrue("roster", Duration.ofSeconds(5), () -> Boolean.TRUE.equals(
                redis.opsForSet().isMember(PresenceKeys.members(room), offlineMember.toString())));

        HttpResponse<String> response = get("/api/rooms/" + room + "/presence", tokens.accessToken(erin, "erin"));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode online = JsonMapper.builder().build().readTree(response.body()).path("online");
        List<String> users = new ArrayList<>();
        online.forEach(user -> users.add(user.asString()));
        assertThat(users).containsExactlyInAnyOrder(erin.toString(), frank.toString());

        HttpResponse<String> stranger = get("/api/rooms/" + room + "/presence", tokens.accessToken(UUID.randomUUID(), "x"));
        assertProblem(stranger, 404, "room_not_found");
        assertProblem(get("/api/rooms/" + room + "/presence"), 401, "unauthorized");
        assertProblem(get("/api/rooms/" + room + "/presence", tokens.expired(erin)), 401, "unauthorized");
        assertProblem(get("/api/rooms/not-a-uuid/presence", tokens.accessToken(erin, "erin")), 400, "validation_failed");
    }

    /** Contract §7: a banned user can no longer read the room, so it does not exist for them (§2), public or not. */
    @Test
    void aUserBannedFromAPublicRoomIsAnsweredRoomNotFoundByThePresenceEndpoint() throws Exception {
        UUID owner = UUID.randomUUID();
        UUID reader = UUID.randomUUID();
        UUID room = publicRoom(0, owner);
        String path = "/api/rooms/" + room + "/presence";
        assertThat(get(path, tokens.accessToken(reader, "reader")).statusCode()).isEqualTo(200);

        roomService.ban(room, reader);

        HttpResponse<String> banned = get(path, tokens.accessToken(reader, "reader"));
        assertProblem(banned, 404, "room_not_found");
        assertThat(get(path, tokens.accessToken(owner, "owner")).statusCode()).isEqualTo(200);
    }

    @Test
    void presenceEndpointAnswersServiceUnavailableWhenRoomServiceCannotTellWhoMayReadTheRoom() throws Exception {
        UUID gina = UUID.randomUUID();
        UUID room = publicRoom(0, gina);
        roomService.failRoom(room);

        HttpResponse<String> response = get("/api/rooms/" + room + "/presence", tokens.accessToken(gina, "gina"));

        assertProblem(response, 503, "service_unavailable");
    }
}
