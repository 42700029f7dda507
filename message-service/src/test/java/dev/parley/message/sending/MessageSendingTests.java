package dev.parley.message.sending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.parley.events.EventCodec;
import dev.parley.events.Topic;
import dev.parley.events.message.MessageEvent;
import dev.parley.events.message.MessagePosted;
import dev.parley.events.message.MessageRejected;
import dev.parley.events.message.MessageRules;
import dev.parley.events.message.Origin;
import dev.parley.events.message.SendMessage;
import dev.parley.events.message.SendRepeated;
import dev.parley.events.room.MemberLeft;
import dev.parley.message.IntegrationTestSupport;
import dev.parley.message.TestKafka;
import dev.parley.message.rooms.RoomAccess;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

class MessageSendingTests extends IntegrationTestSupport {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RoomAccess roomAccess;

    private final UUID roomId = UUID.randomUUID();
    private final UUID owner = UUID.randomUUID();

    @Test
    void aMemberSendsAndGetsSeqOneThenTwoAndHistoryShowsThemInOrder() throws Exception {
        kafka.createRoom(roomId, "private", owner);
        SendMessage first = kafka.send(roomId, owner, "c-1", "hello");
        SendMessage second = kafka.send(roomId, owner, "c-2", "world");

        List<MessageEvent> events = kafka.awaitEvents(roomId, 2);

        assertThat(events).allSatisfy(event -> assertThat(event).isInstanceOf(MessagePosted.class));
        MessagePosted one = (MessagePosted) events.get(0);
        MessagePosted two = (MessagePosted) events.get(1);
        assertThat(one.seq()).isEqualTo(1);
        assertThat(one.commandId()).isEqualTo(first.commandId());
        assertThat(one.origin()).isEqualTo(TestKafka.ORIGIN);
        assertThat(one.body()).isEqualTo("hello");
        assertThat(one.senderId()).isEqualTo(owner);
        assertThat(two.seq()).isEqualTo(2);
        assertThat(two.commandId()).isEqualTo(second.commandId());

        mvc.perform(get("/api/rooms/{id}/messages", roomId).header("Authorization", bearer(owner)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items.length()").value(2))
                .andExpect(jsonPath("$.items[0].seq").value(1))
                .andExpect(jsonPath("$.items[0].id").value(one.messageId().toString()))
                .andExpect(jsonPath("$.items[0].body").value("hello"))
                .andExpect(jsonPath("$.items[0].clientMsgId").value("c-1"))
                .andExpect(jsonPath("$.items[0].createdAt").value(one.createdAt().toString()))
                .andExpect(jsonPath("$.items[1].seq").value(2))
                .andExpect(jsonPath("$.items[1].body").value("world"))
                .andExpect(jsonPath("$.hasMore").value(false));
    }

    @Test
    void aResendIsAnsweredBySendRepeatedAndTheSameCommandAgainByTheOriginalMessagePosted() {
        kafka.createRoom(roomId, "public", owner);
        SendMessage original = kafka.send(roomId, owner, "retry-me", "once");
        SendMessage resend = new SendMessage(UUID.randomUUID(), roomId, owner, "retry-me", "once (again)",
                Instant.now(), new Origin("gateway-elsewhere", "session-after-reconnect"));
        kafka.publish(Topic.MESSAGE_COMMANDS, resend);
        kafka.publish(Topic.MESSAGE_COMMANDS, original);

        List<TestKafka.Received> received = kafka.awaitRecords(roomId, 3, event -> true);
        MessagePosted posted = (MessagePosted) received.get(0).event();
        // A client's resend is another command: its answer goes to its origin, and is no second message.
        assertThat(received.get(1).event()).isEqualTo(new SendRepeated(roomId, 1, posted.messageId(), owner,
                "retry-me", posted.createdAt(), resend.commandId(), resend.origin()));
        assertThat(received.get(1).eventId()).isNotEqualTo(received.get(0).eventId());
        // The same command again (a redelivery: its MessagePosted may never have gone out) publishes it again.
        assertThat(received.get(2)).isEqualTo(received.get(0));
        assertThat(posted.body()).isEqualTo("once");
        assertThat(rowsIn(roomId)).isEqualTo(1);
    }

    @Test
    void aNonMemberOfAPublicRoomIsRejectedWithNotMemberAndTheOriginEchoed() {
        kafka.createRoom(roomId, "public", owner);
        SendMessage command = kafka.send(roomId, UUID.randomUUID(), "c-1", "hi");

        assertThat(kafka.awaitOnlyEvent(roomId)).isEqualTo(
                new MessageRejected(command.commandId(), roomId, "c-1", "not_member", TestKafka.ORIGIN));
        assertThat(rowsIn(roomId)).isZero();
    }

    @Test
    void aNonMemberOfAPrivateRoomIsToldTheRoomIsNotFound() {
        kafka.createRoom(roomId, "private", owner);
        kafka.send(roomId, UUID.randomUUID(), "c-1", "hi");

        assertThat(kafka.awaitOnlyEvent(roomId)).isInstanceOfSatisfying(MessageRejected.class,
                rejected -> assertThat(rejected.reason()).isEqualTo("room_not_found"));
    }

    @Test
    void aSendToAnUnknownRoomIsToldTheRoomIsNotFound() {
        kafka.send(roomId, owner, "c-1", "hi");

        assertThat(kafka.awaitOnlyEvent(roomId)).isInstanceOfSatisfying(MessageRejected.class,
                rejected -> assertThat(rejected.reason()).isEqualTo("room_not_found"));
    }

    @Test
    void aSendRightAfterJoiningIsAcceptedEvenWhenTheProjectionIsBehind() {
        kafka.createRoom(roomId, "public", owner);
        UUID joiner = UUID.randomUUID();
        kafka.join(roomId, joiner);
        kafka.send(roomId, joiner, "first-words", "hi all");

        assertThat(kafka.awaitOnlyEvent(roomId)).isInstanceOfSatisfying(MessagePosted.class,
                posted -> assertThat(posted.senderId()).isEqualTo(joiner));
    }

    @Test
    void aMemberWhoLeftCanNoLongerSendOnceTheProjectionHasTheLeave() throws InterruptedException {
        kafka.createRoom(roomId, "public", owner);
        UUID visitor = UUID.randomUUID();
        kafka.join(roomId, visitor);
        kafka.send(roomId, visitor, "c-1", "hello");
        kafka.awaitOnlyEvent(roomId);
        kafka.publish(Topic.ROOM_EVENTS, new MemberLeft(roomId, visitor, "left", Instant.now()));
        // Only a "no" waits for the projection; losing a membership takes effect within its lag.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (roomAccess.canSend(roomId, visitor) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        kafka.send(roomId, visitor, "c-2", "still here?");

        assertThat(kafka.awaitEvents(roomId, 2).get(1)).isInstanceOfSatisfying(MessageRejected.class,
                rejected -> assertThat(rejected.reason()).isEqualTo("not_member"));
    }

    @Test
    void invalidBodiesAndClientMsgIdsAreRejectedAsValidationFailed() {
        kafka.createRoom(roomId, "private", owner);
        kafka.send(roomId, owner, "blank", " \t\n\u00a0\u3000");
        kafka.send(roomId, owner, "too-long", "x".repeat(MessageRules.MAX_BODY_CODE_POINTS + 1));
        kafka.send(roomId, owner, "nul", "a\u0000b");
        kafka.send(roomId, owner, "empty", "");
        kafka.send(roomId, owner, "not/an-id", "fine body");

        List<MessageEvent> events = kafka.awaitEvents(roomId, 5);

        assertThat(events).allSatisfy(event -> assertThat(event).isInstanceOfSatisfying(MessageRejected.class,
                rejected -> assertThat(rejected.reason()).isEqualTo("validation_failed")));
        assertThat(events).map(event -> ((MessageRejected) event).clientMsgId())
                .containsExactly("blank", "too-long", "nul", "empty", "not/an-id");
        assertThat(rowsIn(roomId)).isZero();
    }

    @Test
    void fourThousandCodePointsOfEmojiAreAcceptedAndStoredVerbatim() throws Exception {
        kafka.createRoom(roomId, "private", owner);
        String body = "😀".repeat(3999) + "é";
        assertThat(body.length()).isEqualTo(7999);
        kafka.send(roomId, owner, "emoji", body);

        assertThat(kafka.awaitOnlyEvent(roomId)).isInstanceOfSatisfying(MessagePosted.class,
                posted -> assertThat(posted.body()).isEqualTo(body));
        mvc.perform(get("/api/rooms/{id}/messages", roomId).header("Authorization", bearer(owner)))
                .andExpect(jsonPath("$.items[0].body").value(body));
    }

    @Test
    void unknownCommandTypesAndMalformedJsonAreSkippedWithoutBlockingTheRoom() {
        kafka.createRoom(roomId, "private", owner);
        kafka.publishRaw(Topic.MESSAGE_COMMANDS, roomId.toString(), "PinMessage", "{}".getBytes(StandardCharsets.UTF_8));
        kafka.publishRaw(Topic.MESSAGE_COMMANDS, roomId.toString(), EventCodec.eventType(
                new SendMessage(null, null, null, null, null, null, null)), "{not json".getBytes(StandardCharsets.UTF_8));
        kafka.send(roomId, owner, "after-garbage", "still flowing");

        assertThat(kafka.awaitOnlyEvent(roomId)).isInstanceOfSatisfying(MessagePosted.class,
                posted -> assertThat(posted.seq()).isEqualTo(1));
    }

    private long rowsIn(UUID room) {
        return jdbc.sql("select count(*) from messages where room_id = :room").param("room", room)
                .query(Long.class).single();
    }

}
