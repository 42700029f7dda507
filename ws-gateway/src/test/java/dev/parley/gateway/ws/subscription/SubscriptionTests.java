package dev.parley.gateway.ws.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.events.Topic;
import dev.parley.events.message.MessagePosted;
import dev.parley.events.message.Origin;
import dev.parley.gateway.ws.session.ClientSession;
import dev.parley.gateway.ws.session.SessionRegistry;
import dev.parley.gateway.ws.support.GatewayIntegrationTest;
import dev.parley.gateway.ws.support.MessagePipelineStandIn;
import dev.parley.gateway.ws.support.MessageServiceStandIn;
import dev.parley.gateway.ws.support.RawWsClient;
import dev.parley.gateway.ws.support.SecondGateway;
import dev.parley.gateway.ws.support.WsTestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class SubscriptionTests extends GatewayIntegrationTest {

    @Autowired
    RoomSubscriptions subscriptions;

    @Autowired
    SessionRegistry sessions;

    private final MessagePipelineStandIn pipeline = new MessagePipelineStandIn(Topic.MESSAGE_EVENTS);

    @AfterEach
    void closePipeline() {
        pipeline.close();
    }

    @Test
    void subscribeAnswersTheHeadSeqAskingBothServicesWithTheUsersOwnToken() {
        UUID user = UUID.randomUUID();
        UUID room = publicRoom(3, user);
        String token = tokens.accessToken(user, "erin");
        // the user is a member: their own "online" may reach the subscription just opened (PresenceTests cover it)
        WsTestClient client = track(WsTestClient.connect(wsUri(), token)).ignoring("presence");
        client.next("ready");
        int roomCalls = roomService.calls();
        JsonNode subscribed = client.send(subscribe(room, null, "s1")).next("subscribed");
        assertThat(subscribed.path("roomId").asString()).isEqualTo(room.toString());
        assertThat(subscribed.path("headSeq").asLong()).isEqualTo(3);
        assertThat(subscribed.path("recovered").asBoolean()).isTrue();
        assertThat(subscribed.path("id").asString()).isEqualTo("s1");
        assertThat(roomService.calls()).isEqualTo(roomCalls + 1);
        assertThat(messageService.authorizations()).contains("Bearer " + token);
        client.expectSilence(Duration.ofMillis(200)); // no backlog without sinceSeq
    }

    @Test
    void emptyRoomHasHeadSeqZero() {
        UUID room = publicRoom(0);
        assertThat(connectReady().send(subscribe(room, null, null)).next("subscribed").path("headSeq").asLong()).isZero();
    }

    @Test
    void aRoomMessageServiceDoesNotKnowYetIsEmpty() {
        UUID room = UUID.randomUUID();
        roomService.register(room, "public"); // created a moment ago: message-service has not heard of it
        assertThat(connectReady().send(subscribe(room, 0L, null)).next("subscribed").path("headSeq").asLong()).isZero();
    }

    @Test
    void aSinceSeqAboveTheHeadIsRefusedRatherThanWaitingForSeqsThatNeverCome() {
        UUID room = publicRoom(3);
        WsTestClient client = connectReady();

        JsonNode refused = client.send(subscribe(room, 7L, "ahead")).next("error");

        assertThat(refused.path("code").asString()).isEqualTo("validation_failed");
        assertThat(refused.path("field").asString()).isEqualTo("sinceSeq");
        assertThat(refused.path("id").asString()).isEqualTo("ahead");
        MessageServiceStandIn.Message fourth = messageService.append(room, UUID.randomUUID(), "c-4", "body 4");
        pipeline.publish(posted(room, fourth.seq()));
        client.expectSilence(Duration.ofMillis(300)); // not subscribed
        assertThat(client.send(subscribe(room, 3L, null)).next("subscribed").path("headSeq").asLong()).isEqualTo(4);
        assertThat(client.next("message").path("seq").asLong()).isEqualTo(4);
        pipeline.publish(posted(room, 5));
        assertThat(client.next("message").path("seq").asLong()).isEqualTo(5);
    }

    @Test
    void aRefusedResubscribeLeavesTheSubscriptionItWouldHaveReplacedAsItWas() {
        UUID room = publicRoom(3);
        WsTestClient client = connectReady();
        client.send(subscribe(room, null, "first")).next("subscribed");

        JsonNode ahead = client.send(subscribe(room, 7L, "ahead")).next("error");
        assertThat(ahead.path("code").asString()).isEqualTo("validation_failed");
        assertThat(ahead.path("id").asString()).isEqualTo("ahead");
        MessageServiceStandIn.Message fourth = messageService.append(room, UUID.randomUUID(), "c-4", "body 4");
        pipeline.publish(posted(room, fourth.seq()));
        assertThat(client.next("message").path("seq").asLong()).as("still subscribed").isEqualTo(4);

        // an accepted one replaces it: the replay it asked for, then live messages, each once
        assertThat(client.send(subscribe(room, 3L, "again")).next("subscribed").path("headSeq").asLong()).isEqualTo(4);
        assertThat(client.next("message").path("seq").asLong()).isEqualTo(4);
        pipeline.publish(posted(room, 5));
        assertThat(client.next("message").path("seq").asLong()).isEqualTo(5);
        client.expectSilence(Duration.ofMillis(300));

        roomService.failRoom(room);
        JsonNode failed = client.send(subscribe(room, null, "failing")).next("error");
        assertThat(failed.path("code").asString()).isEqualTo("internal");
        assertThat(failed.path("id").asString()).isEqualTo("failing");
        pipeline.publish(posted(room, 6));
        assertThat(client.next("message").path("seq").asLong()).as("still subscribed").isEqualTo(6);
        client.expectSilence(Duration.ofMillis(300));
    }

    @Test
    void aSinceSeqAtTheHeadIsAnOrdinaryResume() {
        UUID room = publicRoom(3);
        WsTestClient client = connectReady();
        assertThat(client.send(subscribe(room, 3L, null)).next("subscribed").path("recovered").asBoolean()).isTrue();
        pipeline.publish(posted(room, 4));
        assertThat(client.next("message").path("seq").asLong()).isEqualTo(4);
    }

    @Test
    void anyUserMaySubscribeToAPublicRoom() {
        UUID room = publicRoom(1);
        assertThat(connectReady().send(subscribe(room, null, null)).next("subscribed").path("headSeq").asLong()).isEqualTo(1);
    }

    @Test
    void unknownRoomAndOthersPrivateRoomAnswerRoomNotFound() {
        WsTestClient client = connectReady();
        JsonNode unknown = client.send(subscribe(UUID.randomUUID(), 0L, "x")).next("error");
        assertThat(unknown.path("code").asString()).isEqualTo("room_not_found");
        assertThat(unknown.path("id").asString()).isEqualTo("x");
        UUID privateRoom = privateRoom(UUID.randomUUID());
        assertThat(client.send(subscribe(privateRoom, null, "y")).next("error").path("code").asString())
                .isEqualTo("room_not_found");
    }

    @Test
    void aMemberMaySubscribeToTheirPrivateRoom() {
        UUID member = UUID.randomUUID();
        UUID room = privateRoom(member);
        assertThat(connectReady(member).send(subscribe(room, null, null)).next("subscribed").path("headSeq").asLong())
                .isZero();
    }

    @Test
    void roomServiceFailureAnswersInternalAndTheConnectionStaysOpen() {
        UUID room = publicRoom(1);
        roomService.failRoom(room);
        WsTestClient client = connectReady();
        assertThat(client.send(subscribe(room, null, null)).next("error").path("code").asString()).isEqualTo("internal");
        client.send("{\"type\":\"ping\"}").next("pong");
    }

    @Test
    void aTokenRefusedDownstreamAnswersUnauthorized() {
        UUID room = publicRoom(1);
        roomService.refuseTokensFor(room);
        WsTestClient client = connectReady();
        JsonNode error = client.send(subscribe(room, null, "u")).next("error");
        assertThat(error.path("code").asString()).isEqualTo("unauthorized");
        assertThat(error.path("id").asString()).isEqualTo("u");
        client.send("{\"type\":\"ping\"}").next("pong");
    }

    @Test
    void historyFailureAnswersInternalAndTheConnectionStaysOpen() {
        UUID room = publicRoom(1);
        messageService.failRoom(room);
        WsTestClient client = connectReady();
        assertThat(client.send(subscribe(room, null, null)).next("error").path("code").asString()).isEqualTo("internal");
        client.send("{\"type\":\"ping\"}").next("pong");
    }

    @Test
    void liveMessagesReachTheSubscriberUntilItUnsubscribes() {
        UUID room = publicRoom(2);
        WsTestClient client = connectReady();
        client.send(subscribe(room, null, null)).next("subscribed");
        pipeline.publish(posted(room, 3));
        assertThat(client.next("message").path("seq").asLong()).isEqualTo(3);
        client.send("{\"type\":\"unsubscribe\",\"roomId\":\"" + room + "\",\"id\":9}");
        JsonNode unsubscribed = client.next("unsubscribed");
        assertThat(unsubscribed.path("roomId").asString()).isEqualTo(room.toString());
        assertThat(unsubscribed.path("id").asInt()).isEqualTo(9);
        pipeline.publish(posted(room, 4));
        client.expectSilence(Duration.ofMillis(500));
    }

    @Test
    void unsubscribingFromARoomTheConnectionDoesNotFollowIsAnsweredUnsubscribed() {
        UUID room = publicRoom(0);
        WsTestClient client = connectReady();
        JsonNode unsubscribed = client.send("{\"type\":\"unsubscribe\",\"roomId\":\"" + room + "\",\"id\":\"u1\"}")
                .next("unsubscribed");
        assertThat(unsubscribed.path("roomId").asString()).isEqualTo(room.toString());
        assertThat(unsubscribed.path("id").asString()).isEqualTo("u1");
    }

    @Test
    void aMessageDeliveredTwiceReachesTheSubscriptionOnce() {
        UUID room = publicRoom(0);
        WsTestClient client = connectReady();
        client.send(subscribe(room, null, null)).next("subscribed");
        MessagePosted first = posted(room, 1);
        pipeline.publish(first);
        pipeline.publish(first); // redelivered after a failure
        pipeline.publish(posted(room, 2));
        assertThat(client.next("message").path("seq").asLong()).isEqualTo(1);
        assertThat(client.next("message").path("seq").asLong()).isEqualTo(2);
        client.expectSilence(Duration.ofMillis(300));
    }

    @Test
    void resumeReplaysTheBacklogThenLiveMessagesWithNoGapAndNoDuplicateAtTheSeam() throws Exception {
        UUID room = publicRoom(5);
        MessageServiceStandIn.Hold hold = messageService.holdReplays(room);
        WsTestClient client = connectReady();
        client.send(subscribe(room, 2L, "r"));
        JsonNode subscribed = client.next("subscribed");
        assertThat(subscribed.path("headSeq").asLong()).isEqualTo(5);
        assertThat(subscribed.path("recovered").asBoolean()).isTrue();

        // While the backlog is being read: a late duplicate of seq 5, and seq 6, arrive live.
        assertThat(hold.reached().await(10, TimeUnit.SECONDS)).isTrue();
        pipeline.publish(posted(room, 5));
        pipeline.publish(posted(room, 6));
        awaitTrue("both held back while the backlog is read", Duration.ofSeconds(10),
                () -> subscriptions.of(room).stream().mapToInt(Subscription::heldBack).sum() == 2);
        hold.release().countDown();

        for (long seq = 3; seq <= 6; seq++) {
            JsonNode message = client.next("message");
            assertThat(message.path("seq").asLong()).isEqualTo(seq);
            assertThat(message.path("roomId").asString()).isEqualTo(room.toString());
            assertThat(message.path("deleted").asBoolean()).isFalse();
        }
        client.expectSilence(Duration.ofMillis(300));
        pipeline.publish(posted(room, 6));
        pipeline.publish(posted(room, 7));
        assertThat(client.next("message").path("seq").asLong()).isEqualTo(7);
    }

    @Test
    void aReplayThatFailsPartWayEndsTheSubscriptionAndTheClientIsToldSo() throws Exception {
        UUID room = publicRoom(250);
        MessageServiceStandIn.Hold hold = messageService.holdReplays(room);
        WsTestClient client = connectReady();
        client.send(subscribe(room, 0L, "resume"));
        assertThat(client.next("subscribed").path("id").asString()).isEqualTo("resume");
        assertThat(hold.reached().await(10, TimeUnit.SECONDS)).isTrue();
        messageService.failRoom(room); // the first page is on its way; the second fails
        hold.release().countDown();

        for (long seq = 1; seq <= 100; seq++) {
            assertThat(client.next("message").path("seq").asLong()).isEqualTo(seq);
        }
        JsonNode ended = client.next("unsubscribed");
        assertThat(ended.path("roomId").asString()).isEqualTo(room.toString());
        assertThat(ended.has("id")).as("no frame asked for it").isFalse();
        JsonNode error = client.next("error");
        assertThat(error.path("code").asString()).isEqualTo("internal");
        assertThat(error.path("id").asString()).isEqualTo("resume");
        pipeline.publish(posted(room, 251));
        client.expectSilence(Duration.ofMillis(300));
    }

    @Test
    void resumeWhileMessagesKeepArrivingDeliversEveryLaterMessageOnceAndInOrder() throws Exception {
        UUID room = publicRoom(0);
        AtomicBoolean writing = new AtomicBoolean(true);
        // message-service's order: stored (history) first, then published
        Thread writer = Thread.ofPlatform().start(() -> {
            while (writing.get()) {
                MessageServiceStandIn.Message stored = messageService.append(room, UUID.randomUUID(), "c", "body");
                pipeline.publish(posted(room, stored.seq()));
            }
        });
        try {
            awaitTrue("some history", Duration.ofSeconds(10), () -> history(room) >= 20);
            List<WsTestClient> clients = new ArrayList<>();
            List<Long> since = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                WsTestClient client = connectReady(); // before the head is read: 10 behind it, not a connect's worth
                long sinceSeq = Math.max(0, history(room) - 10);
                since.add(sinceSeq);
                clients.add(client.send(subscribe(room, sinceSeq, null)));
                Thread.sleep(100);
            }
            Thread.sleep(500);
            writing.set(false);
            writer.join();
            long last = history(room);
            for (int i = 0; i < clients.size(); i++) {
                WsTestClient client = clients.get(i);
                assertThat(client.next("subscribed").path("recovered").asBoolean()).isTrue();
                for (long seq = since.get(i) + 1; seq <= last; seq++) {
                    assertThat(client.next("message").path("seq").asLong()).as("client %d", i).isEqualTo(seq);
                }
            }
            clients.forEach(client -> client.expectSilence(Duration.ofMillis(200)));
        } finally {
            writing.set(false);
            writer.join();
        }
    }

    @Test
    void backlogAtTheRecoveryLimitIsReplayedInFull() {
        UUID room = publicRoom(1003);
        WsTestClient client = connectReady();
        assertThat(client.send(subscribe(room, 3L, null)).next("subscribed").path("recovered").asBoolean()).isTrue();
        for (long seq = 4; seq <= 1003; seq++) {
            assertThat(client.next("message").path("seq").asLong()).isEqualTo(seq);
        }
        client.expectSilence(Duration.ofMillis(200));
    }

    /**
     * A resume's backlog of long messages, sixteen times what the connection may have waiting (256 KiB here), to a
     * client whose link drains far more slowly than message-service answers pages: the replay waits for the client
     * instead of overflowing its buffer, and the client gets every message in order, then live ones. (Offered as
     * fast as pages came, the backlog closed it 4009 on every resume: a loop that "reconnect and resume" cannot leave.)
     */
    @Test
    void aBacklogLargerThanTheSendBufferReachesAClientOnASlowLinkInFullAndInOrder() throws Exception {
        UUID room = roomOfLongMessages();
        try (RawWsClient client = RawWsClient.connect(wsUri(), tokens.accessToken(UUID.randomUUID(), "slow"), 8192)) {
            assertThat(client.next(Duration.ofSeconds(5)).path("type").asString()).isEqualTo("ready");
            client.sendText(subscribe(room, 0));
            JsonNode subscribed = client.next(Duration.ofSeconds(5));
            assertThat(subscribed.path("type").asString()).isEqualTo("subscribed");
            assertThat(subscribed.path("recovered").asBoolean()).isTrue();
            for (long seq = 1; seq <= 1000; seq++) {
                if (seq % 2 == 0) {
                    Thread.sleep(1); // ~2 MB/s: a page of 100 comes in a few milliseconds
                }
                JsonNode message = client.next(Duration.ofSeconds(10));
                assertThat(message.path("type").asString()).as("frame %d", seq).isEqualTo("message");
                assertThat(message.path("seq").asLong()).isEqualTo(seq);
            }
            pipeline.publish(posted(room, 1001));
            assertThat(client.next(Duration.ofSeconds(5)).path("seq").asLong()).isEqualTo(1001);
        }
    }

    /**
     * A client that leaves while its replay waits for it to read: the wait ends with the connection, which then no
     * longer counts as its user's (its end runs after the subscribe's work, which must not wait for reads that never
     * come).
     */
    @Test
    void aClientThatLeavesWhileItsReplayWaitsForItToReadIsGoneAtOnce() throws Exception {
        UUID room = roomOfLongMessages();
        UUID user = UUID.randomUUID();
        try (RawWsClient client = RawWsClient.connect(wsUri(), tokens.accessToken(user, "leaving"), 8192)) {
            assertThat(client.next(Duration.ofSeconds(5)).path("type").asString()).isEqualTo("ready");
            client.sendText(subscribe(room, 0));
            assertThat(client.next(Duration.ofSeconds(5)).path("type").asString()).isEqualTo("subscribed");
            assertThat(client.next(Duration.ofSeconds(5)).path("seq").asLong()).isEqualTo(1);
            awaitTrue("the replay waiting for the client", Duration.ofSeconds(5),
                    () -> sessions.ofUser(user).stream().noneMatch(ClientSession::hasRoomForBacklog));
        }
        awaitTrue("the connection ended", Duration.ofSeconds(5), () -> sessions.ofUser(user).isEmpty());
    }

    @Test
    void backlogBeyondTheRecoveryLimitIsNotReplayedAndLiveMessagesFollowTheHead() {
        UUID room = publicRoom(1003);
        WsTestClient client = connectReady();
        JsonNode subscribed = client.send(subscribe(room, 2L, null)).next("subscribed");
        assertThat(subscribed.path("recovered").asBoolean()).isFalse();
        assertThat(subscribed.path("headSeq").asLong()).isEqualTo(1003);
        client.expectSilence(Duration.ofMillis(300));
        pipeline.publish(posted(room, 1004));
        assertThat(client.next("message").path("seq").asLong()).isEqualTo(1004);
    }

    @Test
    void resumesBeyondTheUsersReplayAllowanceAreRefusedRateLimitedAndTheSubscriptionCarriesOn() throws Exception {
        // an instance whose users may replay 10 messages at once and 5 a second after that
        try (SecondGateway tight = SecondGateway.start("gw-replays-" + UUID.randomUUID().toString().substring(0, 4),
                Map.of("parley.ws.subscription.recovery-limit", "10", "parley.ws.subscription.replay-burst", "10",
                        "parley.ws.subscription.replay-per-second", "5"))) {
            UUID room = publicRoom(30);
            UUID user = UUID.randomUUID();
            WsTestClient client = connectReady(tight.wsUri(), user);
            client.send(subscribe(room, 22L, "first")).next("subscribed");
            for (long seq = 23; seq <= 30; seq++) {
                assertThat(client.next("message").path("seq").asLong()).isEqualTo(seq);
            }
            client.expectSilence(Duration.ofMillis(200));

            // 8 of the 10 spent: a resume of 10 more waits until the allowance holds them, on every connection of the user
            JsonNode refused = client.send(subscribe(room, 20L, "again")).next("error");
            assertThat(refused.path("code").asString()).isEqualTo("rate_limited");
            assertThat(refused.path("id").asString()).isEqualTo("again");
            assertThat(refused.path("retryAfterMs").asLong()).isBetween(1L, 1_600L);
            WsTestClient sameUser = connectReady(tight.wsUri(), user);
            int historyRequests = messageService.authorizations().size();
            assertThat(sameUser.send(subscribe(room, 29L, "elsewhere")).next("error").path("code").asString())
                    .as("even a resume of one message, while the wait lasts").isEqualTo("rate_limited");
            assertThat(messageService.authorizations()).as("refused before anything is looked up").hasSize(historyRequests);
            // another user's allowance is their own, and a subscribe without sinceSeq replays nothing
            WsTestClient otherUser = connectReady(tight.wsUri(), UUID.randomUUID());
            assertThat(otherUser.send(subscribe(room, 20L, null)).next("subscribed").path("recovered").asBoolean()).isTrue();
            sameUser.send(subscribe(room, null, "plain")).next("subscribed");

            // the refused resume left the subscription it would have replaced live
            pipeline.publish(posted(room, 31));
            assertThat(client.next("message").path("seq").asLong()).isEqualTo(31);

            // after the wait it was given, a resume of 9 is replayed in full (31 came live, not from the history)
            Thread.sleep(refused.path("retryAfterMs").asLong());
            assertThat(client.send(subscribe(room, 21L, "later")).next("subscribed").path("id").asString()).isEqualTo("later");
            for (long seq = 22; seq <= 30; seq++) {
                assertThat(client.next("message").path("seq").asLong()).isEqualTo(seq);
            }
            client.expectSilence(Duration.ofMillis(200));
        }
    }

    @Test
    void aConnectionMayFollowFiveHundredRoomsAndNoMore() {
        // a subscribe costs a token of the frame allowance: an instance whose allowance takes 500 at once
        try (SecondGateway roomy = SecondGateway.start("gw-roomy-" + UUID.randomUUID().toString().substring(0, 4),
                Map.of("parley.ws.limits.send-burst", "600"))) {
            WsTestClient client = connectReady(roomy.wsUri(), UUID.randomUUID());
            List<UUID> rooms = new ArrayList<>();
            for (int i = 0; i < 501; i++) {
                UUID room = UUID.randomUUID();
                roomService.register(room, "public");
                rooms.add(room);
            }
            for (int i = 0; i < 500; i++) {
                client.send(subscribe(rooms.get(i), null, null));
            }
            for (int i = 0; i < 500; i++) {
                client.next("subscribed");
            }
            client.send(subscribe(rooms.get(0), null, "again")); // re-subscribing is no new subscription
            assertThat(client.next("subscribed").path("id").asString()).isEqualTo("again");
            JsonNode error = client.send(subscribe(rooms.get(500), null, "one-too-many")).next("error");
            assertThat(error.path("code").asString()).isEqualTo("too_many_subscriptions");
            assertThat(error.path("id").asString()).isEqualTo("one-too-many");
            client.send("{\"type\":\"unsubscribe\",\"roomId\":\"" + rooms.get(1) + "\"}").next("unsubscribed");
            client.send(subscribe(rooms.get(500), null, null)).next("subscribed");
        }
    }

    private static long history(UUID room) {
        return messageService.lastSeq(room);
    }

    private static String subscribe(UUID room, Long sinceSeq, String id) {
        return "{\"type\":\"subscribe\",\"roomId\":\"" + room + "\""
                + (sinceSeq == null ? "" : ",\"sinceSeq\":" + sinceSeq)
                + (id == null ? "" : ",\"id\":\"" + id + "\"") + "}";
    }

    /** A public room of 1,000 messages of 4,000 characters: ~4 MB, sixteen times what a connection may have waiting. */
    private static UUID roomOfLongMessages() {
        UUID room = publicRoom(0);
        UUID sender = UUID.randomUUID();
        String body = "y".repeat(4000);
        for (int i = 1; i <= 1000; i++) {
            messageService.append(room, sender, "long-" + i, body);
        }
        return room;
    }

    private static MessagePosted posted(UUID room, long seq) {
        return new MessagePosted(room, seq, UUID.randomUUID(), UUID.randomUUID(), "live-" + seq, "live " + seq,
                MessagePipelineStandIn.now(), UUID.randomUUID(), new Origin("gw-elsewhere", "s"));
    }
}
