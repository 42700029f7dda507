package dev.parley.gateway.ws.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.events.Topic;
import dev.parley.events.message.MessagePosted;
import dev.parley.events.message.Origin;
import dev.parley.gateway.ws.support.GatewayIntegrationTest;
import dev.parley.gateway.ws.support.MessagePipelineStandIn;
import dev.parley.gateway.ws.support.MessageServiceStandIn;
import dev.parley.gateway.ws.support.WsTestClient;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SubscriptionTests extends GatewayIntegrationTest {

    private final MessagePipelineStandIn pipeline = new MessagePipelineStandIn(Topic.MESSAGE_EVENTS);

    @AfterEach
    void closePipeline() {
        pipeline.close();
    }

    @Test
    void subscribeAnswersTheHeadSeqAskingMessageServiceWithTheUsersOwnToken() {
        UUID room = messageService.roomWithMessages(3);
        String token = tokens.accessToken(UUID.randomUUID(), "erin");
        WsTestClient client = WsTestClient.connect(wsUri(), token);
        client.next("ready");
        JsonNode subscribed = client.send(subscribe(room, null, "s1")).next("subscribed");
        assertThat(subscribed.path("roomId").asString()).isEqualTo(room.toString());
        assertThat(subscribed.path("headSeq").asLong()).isEqualTo(3);
        assertThat(subscribed.path("recovered").asBoolean()).isTrue();
        assertThat(subscribed.path("id").asString()).isEqualTo("s1");
        assertThat(messageService.authorizations()).contains("Bearer " + token);
        client.expectSilence(Duration.ofMillis(200)); // no backlog without sinceSeq
        client.close();
    }

    @Test
    void emptyRoomHasHeadSeqZero() {
        UUID room = messageService.roomWithMessages(0);
        assertThat(connectReady().send(subscribe(room, null, null)).next("subscribed").path("headSeq").asLong()).isZero();
    }

    @Test
    void unknownOrPrivateRoomAnswersRoomNotFound() {
        JsonNode error = connectReady().send(subscribe(UUID.randomUUID(), 0L, "x")).next("error");
        assertThat(error.path("code").asString()).isEqualTo("room_not_found");
        assertThat(error.path("id").asString()).isEqualTo("x");
    }

    @Test
    void historyFailureAnswersInternalAndTheConnectionStaysOpen() {
        UUID room = messageService.roomWithMessages(1);
        messageService.failRoom(room);
        WsTestClient client = connectReady();
        assertThat(client.send(subscribe(room, null, null)).next("error").path("code").asString()).isEqualTo("internal");
        client.send("{\"type\":\"ping\"}").next("pong");
    }

    @Test
    void liveMessagesReachTheSubscriberUntilItUnsubscribes() {
        UUID room = messageService.roomWithMessages(2);
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
    void resumeReplaysTheBacklogThenLiveMessagesWithNoGapAndNoDuplicateAtTheSeam() throws Exception {
        UUID room = messageService.roomWithMessages(5);
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
        Thread.sleep(500);
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
    void backlogAtTheRecoveryLimitIsReplayedInFull() {
        UUID room = messageService.roomWithMessages(1003);
        WsTestClient client = connectReady();
        assertThat(client.send(subscribe(room, 3L, null)).next("subscribed").path("recovered").asBoolean()).isTrue();
        for (long seq = 4; seq <= 1003; seq++) {
            assertThat(client.next("message").path("seq").asLong()).isEqualTo(seq);
        }
        client.expectSilence(Duration.ofMillis(200));
    }

    @Test
    void backlogBeyondTheRecoveryLimitIsNotReplayedAndLiveMessagesFollowTheHead() {
        UUID room = messageService.roomWithMessages(1003);
        WsTestClient client = connectReady();
        JsonNode subscribed = client.send(subscribe(room, 2L, null)).next("subscribed");
        assertThat(subscribed.path("recovered").asBoolean()).isFalse();
        assertThat(subscribed.path("headSeq").asLong()).isEqualTo(1003);
        client.expectSilence(Duration.ofMillis(300));
        pipeline.publish(posted(room, 1004));
        assertThat(client.next("message").path("seq").asLong()).isEqualTo(1004);
    }

    private static String subscribe(UUID room, Long sinceSeq, String id) {
        return "{\"type\":\"subscribe\",\"roomId\":\"" + room + "\""
                + (sinceSeq == null ? "" : ",\"sinceSeq\":" + sinceSeq)
                + (id == null ? "" : ",\"id\":\"" + id + "\"") + "}";
    }

    private static MessagePosted posted(UUID room, long seq) {
        return new MessagePosted(room, seq, UUID.randomUUID(), UUID.randomUUID(), "live-" + seq, "live " + seq,
                MessagePipelineStandIn.now(), UUID.randomUUID(), Origin.HTTP);
    }
}
