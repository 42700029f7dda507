package dev.parley.gateway.ws.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.events.Topic;
import dev.parley.events.message.Attachment;
import dev.parley.events.message.MessageCommand;
import dev.parley.events.message.MessagePosted;
import dev.parley.events.message.MessageRejected;
import dev.parley.events.message.Origin;
import dev.parley.events.message.ReactionAdded;
import dev.parley.events.message.ReactionRemoved;
import dev.parley.events.message.SendMessage;
import dev.parley.events.message.ThreadUpdated;
import dev.parley.gateway.ws.support.GatewayIntegrationTest;
import dev.parley.gateway.ws.support.MessagePipelineStandIn;
import dev.parley.gateway.ws.support.WsTestClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Contract §6 over WebSocket: a send carries {@code threadRoot} and {@code attachments}; thread, reaction
 * and mention events become {@code thread_updated}, {@code reaction} and {@code mention} pushes — the last
 * to every connection of a mentioned user, whether it follows the room or not.
 */
class ConversationPushTests extends GatewayIntegrationTest {

    private final MessagePipelineStandIn pipeline = new MessagePipelineStandIn(Topic.MESSAGE_COMMANDS);
    private final UUID alice = UUID.randomUUID();
    private final UUID bob = UUID.randomUUID();
    private UUID room;
    private WsTestClient aliceClient;
    private WsTestClient bobClient;

    @BeforeEach
    void twoSubscribers() {
        room = publicRoom(0, alice, bob);
        aliceClient = connectReady(alice).ignoring("presence");
        bobClient = connectReady(bob).ignoring("presence");
        aliceClient.send(subscribe(room)).next("subscribed");
        bobClient.send(subscribe(room)).next("subscribed");
    }

    @AfterEach
    void close() {
        pipeline.close();
    }

    @Test
    void aReplyWithAttachmentsBecomesASendMessageCarryingBoth() {
        UUID file = UUID.randomUUID();
        aliceClient.send("{\"type\":\"send\",\"roomId\":\"" + room + "\",\"clientMsgId\":\"r-1\",\"body\":\"\","
                + "\"threadRoot\":3,\"attachments\":[\"" + file + "\"]}");
        SendMessage command = (SendMessage) pipeline.await(MessageCommand.class,
                sent -> sent.roomId().equals(room)).event();
        assertThat(command.threadRoot()).isEqualTo(3L);
        assertThat(command.attachments()).containsExactly(file);
        assertThat(command.body()).isEmpty();
    }

    @Test
    void aReplyToAMessageTheRoomDoesNotHaveIsValidationFailedOnTheThreadRoot() {
        aliceClient.send("{\"type\":\"send\",\"roomId\":\"" + room + "\",\"clientMsgId\":\"r-9\",\"body\":\"hm\","
                + "\"threadRoot\":42,\"id\":\"s-9\"}");
        SendMessage command = (SendMessage) pipeline.await(MessageCommand.class,
                sent -> sent.roomId().equals(room)).event();
        pipeline.publish(new MessageRejected(command.commandId(), room, "r-9", "message_not_found", command.origin(),
                "threadRoot"));

        JsonNode error = aliceClient.next("error");
        assertThat(error.path("code").asString()).isEqualTo("validation_failed");
        assertThat(error.path("field").asString()).isEqualTo("threadRoot");
        assertThat(error.path("id").asString()).isEqualTo("s-9");
    }

    @Test
    void badThreadRootsAndAttachmentsAreRefusedNamingTheField() {
        String prefix = "{\"type\":\"send\",\"roomId\":\"" + room + "\",\"clientMsgId\":\"bad\",\"body\":\"x\",";
        expectInvalid(prefix + "\"threadRoot\":0,\"id\":1}", "threadRoot");
        expectInvalid(prefix + "\"threadRoot\":\"7\",\"id\":2}", "threadRoot");
        expectInvalid(prefix + "\"attachments\":\"nope\",\"id\":3}", "attachments");
        expectInvalid(prefix + "\"attachments\":[\"not-a-uuid\"],\"id\":4}", "attachments");
        UUID file = UUID.randomUUID();
        expectInvalid(prefix + "\"attachments\":[\"" + file + "\",\"" + file + "\"],\"id\":5}", "attachments");
        expectInvalid("{\"type\":\"send\",\"roomId\":\"" + room + "\",\"clientMsgId\":\"e\",\"body\":\"\",\"id\":6}",
                "body");
        aliceClient.send("{\"type\":\"ping\",\"id\":7}").next("pong");
    }

    @Test
    void aMessagePushCarriesItsThreadMentionsAndAttachments() {
        UUID file = UUID.randomUUID();
        pipeline.publish(new MessagePosted(room, 4, UUID.randomUUID(), alice, "m-1", "see @bob", Instant.now(),
                UUID.randomUUID(), new Origin("gw-elsewhere", "s"), 2L, List.of(bob),
                List.of(new Attachment(file, "cat.png", "image/png", 42, Instant.parse("2026-11-20T08:00:00Z")))));
        JsonNode message = aliceClient.next("message");
        assertThat(message.path("threadRoot").asLong()).isEqualTo(2);
        assertThat(message.path("mentions").get(0).asString()).isEqualTo(bob.toString());
        assertThat(message.path("reactions").isArray()).isTrue();
        assertThat(message.path("attachments").get(0).path("id").asString()).isEqualTo(file.toString());
        assertThat(message.path("attachments").get(0).path("contentType").asString()).isEqualTo("image/png");
        assertThat(message.path("replyCount").asInt()).isZero();
        assertThat(message.has("lastReplyAt")).isFalse();
    }

    @Test
    void threadAndReactionChangesArePushedToEverySubscriber() {
        Instant at = Instant.parse("2026-11-21T10:00:00Z");
        pipeline.publish(new ThreadUpdated(room, 2, 5, at));
        pipeline.publish(new ReactionAdded(room, 2, "\uD83D\uDC4D", bob, at));
        pipeline.publish(new ReactionRemoved(room, 2, ":tada:", alice, at));
        for (WsTestClient client : List.of(aliceClient, bobClient)) {
            JsonNode thread = client.next("thread_updated");
            assertThat(thread.path("roomId").asString()).isEqualTo(room.toString());
            assertThat(thread.path("seq").asLong()).isEqualTo(2);
            assertThat(thread.path("replyCount").asInt()).isEqualTo(5);
            assertThat(thread.path("lastReplyAt").asString()).isEqualTo("2026-11-21T10:00:00Z");
            JsonNode added = client.next("reaction");
            assertThat(added.path("emoji").asString()).isEqualTo("\uD83D\uDC4D");
            assertThat(added.path("userId").asString()).isEqualTo(bob.toString());
            assertThat(added.path("op").asString()).isEqualTo("added");
            assertThat(added.size()).isEqualTo(6);
            JsonNode removed = client.next("reaction");
            assertThat(removed.path("emoji").asString()).isEqualTo(":tada:");
            assertThat(removed.path("op").asString()).isEqualTo("removed");
        }
    }

    @Test
    void aMentionReachesEveryConnectionOfTheMentionedUserSubscribedOrNot() {
        WsTestClient bobsPhone = connectReady(bob).ignoring("presence");
        UUID messageId = UUID.randomUUID();
        pipeline.publish(new MessagePosted(room, 9, messageId, alice, "m-9", "hey @bob", Instant.now(),
                UUID.randomUUID(), new Origin("gw-elsewhere", "s"), null, List.of(bob), List.of()));

        bobClient.next("message");
        JsonNode mention = bobClient.next("mention");
        assertThat(mention.path("roomId").asString()).isEqualTo(room.toString());
        assertThat(mention.path("seq").asLong()).isEqualTo(9);
        assertThat(mention.path("messageId").asString()).isEqualTo(messageId.toString());
        assertThat(mention.path("senderId").asString()).isEqualTo(alice.toString());
        assertThat(bobsPhone.next("mention").path("messageId").asString()).isEqualTo(messageId.toString());
        aliceClient.next("message");
        aliceClient.expectSilence(Duration.ofMillis(300));
    }

    private void expectInvalid(String frame, String field) {
        JsonNode error = aliceClient.send(frame).next("error");
        assertThat(error.path("code").asString()).isEqualTo("validation_failed");
        assertThat(error.path("field").asString()).as(frame).isEqualTo(field);
    }
}
