package dev.parley.gateway.ws.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.events.EventHeaders;
import dev.parley.events.Topic;
import dev.parley.events.message.MarkRead;
import dev.parley.events.message.MessageCommand;
import dev.parley.events.message.MessageDeleted;
import dev.parley.events.message.MessageEdited;
import dev.parley.events.message.MessagePosted;
import dev.parley.events.message.MessageRejected;
import dev.parley.events.message.Origin;
import dev.parley.events.message.ReadMarkerMoved;
import dev.parley.events.message.SendMessage;
import dev.parley.events.message.SendRepeated;
import dev.parley.events.signal.SignalEvent;
import dev.parley.events.signal.Typing;
import dev.parley.gateway.ws.GatewayProperties;
import dev.parley.gateway.ws.support.GatewayIntegrationTest;
import dev.parley.gateway.ws.support.MessagePipelineStandIn;
import dev.parley.gateway.ws.support.MessagePipelineStandIn.Received;
import dev.parley.gateway.ws.support.WsTestClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class SendAndFanoutTests extends GatewayIntegrationTest {

    @Autowired
    GatewayProperties gateway;

    private final MessagePipelineStandIn commands = new MessagePipelineStandIn(Topic.MESSAGE_COMMANDS);
    private final UUID alice = UUID.randomUUID();
    private final UUID bob = UUID.randomUUID();
    private UUID room;
    private WsTestClient aliceClient;
    private String aliceSession;
    private WsTestClient bobClient;

    @BeforeEach
    void twoSubscribers() {
        room = publicRoom(0, alice, bob);
        // both are members: their presence may be pushed to each other at any moment, which is not tested here
        aliceClient = track(WsTestClient.connect(wsUri(), tokens.accessToken(alice, "alice"))).ignoring("presence");
        aliceSession = aliceClient.next("ready").path("sessionId").asString();
        bobClient = connectReady(bob).ignoring("presence");
        aliceClient.send(subscribe(room)).next("subscribed");
        bobClient.send(subscribe(room)).next("subscribed");
    }

    @AfterEach
    void close() {
        commands.close();
    }

    @Test
    void sendBecomesASendMessageCommandCarryingItsOrigin() {
        aliceClient.send(send("m-1", "hello", "s-1"));
        Received<MessageCommand> received = commands.await(MessageCommand.class, this::inRoom);
        SendMessage command = (SendMessage) received.event();
        assertThat(command.senderId()).isEqualTo(alice);
        assertThat(command.clientMsgId()).isEqualTo("m-1");
        assertThat(command.body()).isEqualTo("hello");
        assertThat(command.commandId()).isNotNull();
        assertThat(command.sentAt()).isCloseTo(Instant.now(), org.assertj.core.api.Assertions.within(Duration.ofSeconds(10)));
        assertThat(command.origin()).isEqualTo(new Origin(gateway.gatewayId(), aliceSession));
        assertThat(received.key()).isEqualTo(room.toString());
        assertThat(received.headers()).containsEntry(EventHeaders.EVENT_TYPE, "SendMessage")
                .containsEntry(EventHeaders.SCHEMA_VERSION, "1");
        assertThat(UUID.fromString(received.headers().get(EventHeaders.EVENT_ID)).toString()).as("a UUID in its canonical form").isEqualTo(received.headers().get(EventHeaders.EVENT_ID));
        assertThat(received.headers().get(EventHeaders.TRACEPARENT)).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
    }

    @Test
    void postedMessageReachesEverySubscriberAndOnlyTheSenderGetsTheAckAfterIt() {
        aliceClient.send(send("m-2", "hi all", "s-2"));
        SendMessage command = (SendMessage) commands.await(MessageCommand.class, this::inRoom).event();
        MessagePosted posted = new MessagePosted(room, 1, UUID.randomUUID(), alice, "m-2", "hi all",
                Instant.parse("2025-06-01T12:00:00.123Z"), command.commandId(), command.origin());
        commands.publish(posted);

        JsonNode message = aliceClient.next("message");
        assertThat(message.path("id").asString()).isEqualTo(posted.messageId().toString());
        assertThat(message.path("seq").asLong()).isEqualTo(1);
        assertThat(message.path("senderId").asString()).isEqualTo(alice.toString());
        assertThat(message.path("clientMsgId").asString()).isEqualTo("m-2");
        assertThat(message.path("body").asString()).isEqualTo("hi all");
        assertThat(message.path("createdAt").asString()).isEqualTo("2025-06-01T12:00:00.123Z");
        assertThat(message.path("deleted").asBoolean()).isFalse();
        JsonNode ack = aliceClient.next("ack");
        assertThat(ack.path("roomId").asString()).isEqualTo(room.toString());
        assertThat(ack.path("clientMsgId").asString()).isEqualTo("m-2");
        assertThat(ack.path("seq").asLong()).isEqualTo(1);
        assertThat(ack.path("messageId").asString()).isEqualTo(posted.messageId().toString());
        assertThat(ack.path("createdAt").asString()).isEqualTo("2025-06-01T12:00:00.123Z");
        assertThat(ack.path("id").asString()).isEqualTo("s-2");

        assertThat(bobClient.next("message")).isEqualTo(message);
        bobClient.expectSilence(Duration.ofMillis(300));
    }

    @Test
    void aResentMessageIsAckedWithTheOriginalSeqAndNotPushedAgain() {
        aliceClient.send(send("m-5", "once", "first"));
        SendMessage first = (SendMessage) commands.await(MessageCommand.class, this::inRoom).event();
        MessagePosted posted = new MessagePosted(room, 1, UUID.randomUUID(), alice, "m-5", "once", Instant.now(),
                first.commandId(), first.origin());
        commands.publish(posted);
        aliceClient.next("message");
        assertThat(aliceClient.next("ack").path("id").asString()).isEqualTo("first");

        // the client did not see the ack (say), and resends: a message-service from before SendRepeated republishes
        // the stored message, as message-service does for the same command delivered again
        aliceClient.send(send("m-5", "once", "retry"));
        SendMessage retry = (SendMessage) commands.await(MessageCommand.class, this::inRoom).event();
        commands.publish(new MessagePosted(room, 1, posted.messageId(), alice, "m-5", "once", posted.createdAt(),
                retry.commandId(), retry.origin()));
        JsonNode ack = aliceClient.next("ack");
        assertThat(ack.path("seq").asLong()).isEqualTo(1);
        assertThat(ack.path("messageId").asString()).isEqualTo(posted.messageId().toString());
        assertThat(ack.path("id").asString()).isEqualTo("retry");
        bobClient.next("message");
        bobClient.expectSilence(Duration.ofMillis(300));
    }

    @Test
    void aResendAnsweredBySendRepeatedIsAckedWithTheOriginalSeqAndNobodyGetsTheMessageOrItsMentionAgain() {
        aliceClient.send(send("m-6", "hi @bob", "first"));
        SendMessage first = (SendMessage) commands.await(MessageCommand.class, this::inRoom).event();
        MessagePosted posted = new MessagePosted(room, 1, UUID.randomUUID(), alice, "m-6", "hi @bob", Instant.now(),
                first.commandId(), first.origin(), null, List.of(bob), List.of());
        commands.publish(posted);
        aliceClient.next("message");
        aliceClient.next("ack");
        bobClient.next("message");
        bobClient.next("mention");

        aliceClient.send(send("m-6", "hi @bob", "retry"));
        SendMessage retry = (SendMessage) commands.await(MessageCommand.class, this::inRoom).event();
        commands.publish(new SendRepeated(room, 1, posted.messageId(), alice, "m-6", posted.createdAt(),
                retry.commandId(), retry.origin()));

        JsonNode ack = aliceClient.next("ack");
        assertThat(ack.path("seq").asLong()).isEqualTo(1);
        assertThat(ack.path("messageId").asString()).isEqualTo(posted.messageId().toString());
        assertThat(ack.path("id").asString()).isEqualTo("retry");
        aliceClient.expectSilence(Duration.ofMillis(300));
        bobClient.expectSilence(Duration.ofMillis(300));
    }

    @Test
    void aClientMsgIdResentWhileItsFirstSendIsPendingGetsTwoAcksEachEchoingItsOwnFramesId() {
        aliceClient.send(send("m-13", "twice", "first"));
        SendMessage first = (SendMessage) commands.await(MessageCommand.class, this::inRoom).event();
        aliceClient.send(send("m-13", "twice", "second"));
        SendMessage second = (SendMessage) commands.await(MessageCommand.class, this::inRoom).event();
        // message-service answers each command: the resend with SendRepeated, under its own command
        MessagePosted posted = new MessagePosted(room, 1, UUID.randomUUID(), alice, "m-13", "twice", Instant.now(),
                first.commandId(), first.origin());
        commands.publish(posted);
        commands.publish(new SendRepeated(room, 1, posted.messageId(), alice, "m-13", posted.createdAt(),
                second.commandId(), second.origin()));

        aliceClient.next("message");
        assertThat(aliceClient.next("ack").path("id").asString()).isEqualTo("first");
        assertThat(aliceClient.next("ack").path("id").asString()).isEqualTo("second");
        aliceClient.expectSilence(Duration.ofMillis(300));
    }

    @Test
    void aReadMessageServiceRefusesIsAnsweredWithTheReadsIdAndItsEchoIsNoLongerAwaited() {
        aliceClient.send("{\"type\":\"read\",\"roomId\":\"" + room + "\",\"seq\":3,\"id\":\"r-1\"}");
        MarkRead command = (MarkRead) commands.await(MessageCommand.class, this::inRoom).event();
        // say alice was removed from the room a moment ago, and this gateway has not heard of it yet
        commands.publish(new MessageRejected(command.commandId(), room, null, "not_member", command.origin()));

        JsonNode error = aliceClient.next("error");
        assertThat(error.path("code").asString()).isEqualTo("not_member");
        assertThat(error.path("id").asString()).isEqualTo("r-1");
        // a move to that seq later (alice on another device) is news to this connection, not its own echo
        commands.publish(new ReadMarkerMoved(room, alice, 3));
        assertThat(aliceClient.await("read").path("seq").asLong()).isEqualTo(3);
    }

    @Test
    void twoReadsOfARoomInFlightAreEachAnsweredWithTheirOwnId() {
        aliceClient.send("{\"type\":\"read\",\"roomId\":\"" + room + "\",\"seq\":3,\"id\":\"r-1\"}");
        MarkRead first = (MarkRead) commands.await(MessageCommand.class, this::inRoom).event();
        aliceClient.send("{\"type\":\"read\",\"roomId\":\"" + room + "\",\"seq\":5,\"id\":\"r-2\"}");
        MarkRead second = (MarkRead) commands.await(MessageCommand.class, this::inRoom).event();
        assertThat(second.seq()).isEqualTo(5);

        // both still pending with message-service when the earlier one is refused
        commands.publish(new MessageRejected(first.commandId(), room, null, "not_member", first.origin()));
        assertThat(aliceClient.next("error").path("id").asString()).isEqualTo("r-1");
        commands.publish(new MessageRejected(second.commandId(), room, null, "not_member", second.origin()));
        assertThat(aliceClient.next("error").path("id").asString()).isEqualTo("r-2");
    }

    @Test
    void theMovesOfTwoReadsInFlightReachTheOthersButNeitherReachesTheReader() {
        aliceClient.send("{\"type\":\"read\",\"roomId\":\"" + room + "\",\"seq\":3}");
        commands.await(MessageCommand.class, this::inRoom);
        aliceClient.send("{\"type\":\"read\",\"roomId\":\"" + room + "\",\"seq\":5}");
        commands.await(MessageCommand.class, this::inRoom);

        commands.publish(new ReadMarkerMoved(room, alice, 3));
        commands.publish(new ReadMarkerMoved(room, alice, 5));
        assertThat(bobClient.await("read").path("seq").asLong()).isEqualTo(3);
        assertThat(bobClient.await("read").path("seq").asLong()).isEqualTo(5);
        aliceClient.expectNo("read", Duration.ofMillis(300));
    }

    @Test
    void rejectedSendReachesOnlyTheSenderAsAnErrorWithTheSendsId() {
        aliceClient.send(send("m-3", "let me in", "s-3"));
        SendMessage command = (SendMessage) commands.await(MessageCommand.class, this::inRoom).event();
        commands.publish(new MessageRejected(command.commandId(), room, "m-3", "not_member", command.origin()));

        JsonNode error = aliceClient.next("error");
        assertThat(error.path("code").asString()).isEqualTo("not_member");
        assertThat(error.path("id").asString()).isEqualTo("s-3");
        assertThat(error.has("field")).isFalse();
        bobClient.expectSilence(Duration.ofMillis(300));
    }

    @Test
    void aSendMessageServiceFindsInvalidIsAnsweredValidationFailedOnTheFieldItNamedWithTheSendsId() {
        aliceClient.send(send("m-12", "fine here", "s-12"));
        SendMessage command = (SendMessage) commands.await(MessageCommand.class, this::inRoom).event();
        commands.publish(new MessageRejected(command.commandId(), room, "m-12", "validation_failed",
                command.origin(), "attachments"));

        JsonNode error = aliceClient.next("error");
        assertThat(error.path("code").asString()).isEqualTo("validation_failed");
        assertThat(error.path("field").asString()).isEqualTo("attachments");
        assertThat(error.path("id").asString()).isEqualTo("s-12");
    }

    @Test
    void aReadMessageServiceFindsInvalidIsAnsweredValidationFailedOnTheSeq() {
        aliceClient.send("{\"type\":\"read\",\"roomId\":\"" + room + "\",\"seq\":3}");
        MarkRead command = (MarkRead) commands.await(MessageCommand.class, this::inRoom).event();
        commands.publish(new MessageRejected(command.commandId(), room, null, "validation_failed", command.origin(),
                "seq"));

        JsonNode error = aliceClient.next("error");
        assertThat(error.path("code").asString()).isEqualTo("validation_failed");
        assertThat(error.path("field").asString()).isEqualTo("seq");
    }

    @Test
    void aNonMembersSendIsRefusedAtTheGatewayAndNeverReachesKafka() {
        UUID stranger = UUID.randomUUID();
        WsTestClient client = connectReady(stranger);
        client.send(subscribe(room)).next("subscribed"); // a reader of the public room: known here as a non-member
        UUID privateRoom = privateRoom(alice);
        UUID unknownRoom = UUID.randomUUID();

        JsonNode publicRefusal = client.send(send(room, "m-6", "hi", "s-6")).next("error");
        JsonNode privateRefusal = client.send(send(privateRoom, "m-7", "hi", "s-7")).next("error");
        JsonNode unknownRefusal = client.send(send(unknownRoom, "m-8", "hi", "s-8")).next("error");

        assertThat(publicRefusal.path("code").asString()).isEqualTo("not_member");
        assertThat(publicRefusal.path("id").asString()).isEqualTo("s-6");
        assertThat(privateRefusal.path("code").asString()).isEqualTo("room_not_found");
        assertThat(privateRefusal.path("id").asString()).isEqualTo("s-7");
        assertThat(unknownRefusal.path("code").asString()).isEqualTo("room_not_found");
        assertThat(unknownRefusal.path("id").asString()).isEqualTo("s-8");
        assertThat(commands.collect(MessageCommand.class, Duration.ofMillis(500)))
                .filteredOn(command -> List.of(room, privateRoom, unknownRoom).contains(command.roomId())).isEmpty();
    }

    @Test
    void aUserWhoJustJoinedOverHttpMaySendAtOnceBeforeTheGatewayHearsOfIt() {
        UUID newcomer = UUID.randomUUID();
        WsTestClient client = connectReady(newcomer).ignoring("presence");
        client.send(subscribe(room)).next("subscribed"); // known here as a non-member
        assertThat(client.send(send(room, "m-9", "too soon", "s-9")).next("error").path("code").asString())
                .isEqualTo("not_member");

        roomService.setRole(room, newcomer, "member"); // joined; its MemberJoined has not reached this gateway
        client.send(send(room, "m-10", "hello", "s-10"));

        SendMessage command = (SendMessage) commands.await(MessageCommand.class, this::inRoom).event();
        assertThat(command.senderId()).isEqualTo(newcomer);
        assertThat(command.clientMsgId()).isEqualTo("m-10");
    }

    @Test
    void aKnownMembersSendsAskRoomServiceNothing() {
        int lookups = roomService.calls();
        for (int i = 0; i < 3; i++) {
            aliceClient.send(send("m-member-" + i, "hi", "s-member-" + i));
            commands.await(MessageCommand.class, this::inRoom);
        }
        assertThat(roomService.calls()).isEqualTo(lookups);
    }

    @Test
    void aSendWhoseMembershipCannotBeCheckedIsAnsweredInternalAndNotPublished() {
        UUID failing = publicRoom(0, bob);
        roomService.failRoom(failing);
        UUID stranger = UUID.randomUUID();
        JsonNode error = connectReady(stranger).send(send(failing, "m-11", "hi", "s-11")).next("error");
        assertThat(error.path("code").asString()).isEqualTo("internal");
        assertThat(error.path("message").asString()).contains("try again");
        assertThat(error.path("id").asString()).isEqualTo("s-11");
        assertThat(commands.collect(MessageCommand.class, Duration.ofMillis(500)))
                .filteredOn(command -> command.roomId().equals(failing)).isEmpty();
    }

    @Test
    void messagesSentThroughAnotherGatewayArePushedWithoutAnAck() {
        commands.publish(new MessagePosted(room, 1, UUID.randomUUID(), alice, "m-4", "via gw-2", Instant.now(),
                UUID.randomUUID(), new Origin("gw-elsewhere", aliceSession)));
        aliceClient.next("message");
        bobClient.next("message");
        aliceClient.expectSilence(Duration.ofMillis(300));
    }

    @Test
    void editsAndDeletionsArePushedToEverySubscriber() {
        UUID messageId = UUID.randomUUID();
        commands.publish(new MessageEdited(room, 4, messageId, alice, "fixed typo", Instant.parse("2025-06-01T12:00:01Z")));
        commands.publish(new MessageDeleted(room, 4, messageId, alice, Instant.now()));
        for (WsTestClient client : List.of(aliceClient, bobClient)) {
            JsonNode edited = client.next("message_edited");
            assertThat(edited.path("roomId").asString()).isEqualTo(room.toString());
            assertThat(edited.path("seq").asLong()).isEqualTo(4);
            assertThat(edited.path("messageId").asString()).isEqualTo(messageId.toString());
            assertThat(edited.path("body").asString()).isEqualTo("fixed typo");
            assertThat(edited.path("editedAt").asString()).isEqualTo("2025-06-01T12:00:01Z");
            assertThat(edited.size()).isEqualTo(6);
            JsonNode deleted = client.next("message_deleted");
            assertThat(deleted.path("seq").asLong()).isEqualTo(4);
            assertThat(deleted.path("messageId").asString()).isEqualTo(messageId.toString());
            assertThat(deleted.size()).isEqualTo(4);
        }
    }

    /** A wrong JSON type, which no vector of the body rule can be (MessageRuleVectorsTests), answered with its id. */
    @Test
    void invalidSendIsAnsweredWithValidationFailedNamingTheField() {
        JsonNode error = aliceClient.send("{\"type\":\"send\",\"roomId\":\"" + room
                + "\",\"clientMsgId\":\"ok\",\"body\":[\"not text\"],\"id\":4}").next("error");
        assertThat(error.path("code").asString()).isEqualTo("validation_failed");
        assertThat(error.path("field").asString()).isEqualTo("body");
        assertThat(error.path("id").asInt()).isEqualTo(4);
    }

    @Test
    void longestBodyFitsInAFrameEvenWhenEscapedAsAscii() {
        String escaped = "\\ud83d\\ude00".repeat(4000); // 4000 code points, 48,000 bytes of ASCII JSON
        aliceClient.send("{\"type\":\"send\",\"roomId\":\"" + room + "\",\"clientMsgId\":\"big\",\"body\":\"" + escaped + "\"}");
        SendMessage command = (SendMessage) commands.await(MessageCommand.class, this::inRoom).event();
        assertThat(command.body().codePointCount(0, command.body().length())).isEqualTo(4000);
    }

    @Test
    void readBecomesAMarkReadCommandAndItsPushReachesTheOthersButNotTheReader() {
        WsTestClient aliceOtherDevice = connectReady(alice).ignoring("presence");
        aliceOtherDevice.send(subscribe(room)).next("subscribed");
        aliceClient.send("{\"type\":\"read\",\"roomId\":\"" + room + "\",\"seq\":12}");
        MarkRead command = (MarkRead) commands.await(MessageCommand.class, this::inRoom).event();
        assertThat(command.userId()).isEqualTo(alice);
        assertThat(command.seq()).isEqualTo(12);
        assertThat(command.origin()).isEqualTo(new Origin(gateway.gatewayId(), aliceSession));

        commands.publish(new ReadMarkerMoved(room, alice, 12));
        for (WsTestClient other : List.of(bobClient, aliceOtherDevice)) {
            JsonNode read = other.await("read");
            assertThat(read.path("roomId").asString()).isEqualTo(room.toString());
            assertThat(read.path("userId").asString()).isEqualTo(alice.toString());
            assertThat(read.path("seq").asLong()).isEqualTo(12);
        }
        aliceClient.expectNo("read", Duration.ofMillis(300));
    }

    @Test
    void typingBecomesAThrottledSignalPushedToEveryConnectionButTheTypingOne() {
        WsTestClient aliceOtherDevice = connectReady(alice).ignoring("presence");
        aliceOtherDevice.send(subscribe(room)).next("subscribed");
        try (MessagePipelineStandIn signals = new MessagePipelineStandIn(Topic.SIGNALS)) {
            aliceClient.send("{\"type\":\"typing\",\"roomId\":\"" + room + "\"}");
            aliceClient.send("{\"type\":\"typing\",\"roomId\":\"" + room + "\"}"); // within the interval: dropped
            var received = signals.await(SignalEvent.class, signal -> signal.roomId().equals(room));
            Typing typing = (Typing) received.event();
            assertThat(received.headers().get(EventHeaders.TRACEPARENT)).as("every event carries a trace (contract §4)")
                    .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
            assertThat(typing.userId()).isEqualTo(alice);
            assertThat(typing.gatewayId()).isEqualTo(gateway.gatewayId());
            assertThat(typing.sessionId()).isEqualTo(aliceSession);

            for (WsTestClient other : List.of(bobClient, aliceOtherDevice)) {
                JsonNode pushed = other.next("typing");
                assertThat(pushed.path("roomId").asString()).isEqualTo(room.toString());
                assertThat(pushed.path("userId").asString()).isEqualTo(alice.toString());
                assertThat(pushed.size()).isEqualTo(3);
            }
            aliceClient.expectNo("typing", Duration.ofMillis(500));
            bobClient.expectNo("typing", Duration.ofMillis(300));
            aliceOtherDevice.expectNo("typing", Duration.ofMillis(100));
            assertThat(signals.collect(SignalEvent.class, Duration.ofMillis(300))).isEmpty();
        }
    }

    @Test
    void typingAndReadNeedMembership() {
        UUID stranger = UUID.randomUUID();
        WsTestClient client = connectReady(stranger);
        JsonNode typing = client.send("{\"type\":\"typing\",\"roomId\":\"" + room + "\",\"id\":1}").next("error");
        assertThat(typing.path("code").asString()).isEqualTo("not_member");
        assertThat(typing.path("id").asInt()).isEqualTo(1);
        JsonNode read = client.send("{\"type\":\"read\",\"roomId\":\"" + room + "\",\"seq\":1,\"id\":2}").next("error");
        assertThat(read.path("code").asString()).isEqualTo("not_member");

        UUID privateRoom = privateRoom(alice);
        assertThat(client.send("{\"type\":\"typing\",\"roomId\":\"" + privateRoom + "\"}").next("error")
                .path("code").asString()).isEqualTo("room_not_found");
        assertThat(client.send("{\"type\":\"read\",\"roomId\":\"" + UUID.randomUUID() + "\",\"seq\":1}").next("error")
                .path("code").asString()).isEqualTo("room_not_found");
    }

    @Test
    void membershipOfAnUnsubscribedRoomIsAskedForOnceThenKnown() {
        UUID other = publicRoom(0, alice);
        int calls = roomService.calls();
        for (int i = 0; i < 3; i++) {
            aliceClient.send("{\"type\":\"read\",\"roomId\":\"" + other + "\",\"seq\":" + (i + 1) + "}");
            assertThat(((MarkRead) commands.await(MessageCommand.class, command -> command.roomId().equals(other))
                    .event()).seq()).isEqualTo(i + 1);
        }
        assertThat(roomService.calls()).isEqualTo(calls + 1);
    }

    private boolean inRoom(MessageCommand command) {
        return command.roomId().equals(room);
    }

    private String send(String clientMsgId, String body, String id) {
        return send(room, clientMsgId, body, id);
    }

    private static String send(UUID room, String clientMsgId, String body, String id) {
        return "{\"type\":\"send\",\"roomId\":\"" + room + "\",\"clientMsgId\":\"" + clientMsgId + "\",\"body\":\""
                + body + "\",\"id\":\"" + id + "\"}";
    }
}
