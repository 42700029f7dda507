package dev.parley.gateway.ws.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.events.room.RoomUpdated;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

class FrameWriterTests {

    private static final UUID ROOM = UUID.fromString("0b6f3c3e-8d0a-4f5e-9a53-2c1d7e4b9f10");
    private static final UUID USER = UUID.fromString("00000000-0000-0000-0000-000000000001");

    private final FrameWriter writer = new FrameWriter();

    @Test
    void writesTheTypeFirstAndLeavesOutAbsentFields() {
        assertThat(json(new ServerFrame.Ready("s1", USER, 25000, null))).isEqualTo(
                "{\"type\":\"ready\",\"sessionId\":\"s1\",\"userId\":\"" + USER + "\",\"heartbeatMs\":25000}");
        assertThat(json(new ServerFrame.Pong(JsonNodeFactory.instance.numberNode(3)))).isEqualTo("{\"type\":\"pong\",\"id\":3}");
    }

    @Test
    void writesTimesAsRfc3339AndMessagesWithTheirDeletedFlag() {
        UUID id = UUID.randomUUID();
        UUID sender = UUID.randomUUID();
        String json = json(new ServerFrame.MessagePush(id, ROOM, 4, sender, "c1", "hi",
                Instant.parse("2025-01-02T03:04:05.678Z"), null, false, null, 0, null, null, null, null));
        assertThat(json).isEqualTo("{\"type\":\"message\",\"id\":\"" + id + "\",\"roomId\":\"" + ROOM
                + "\",\"seq\":4,\"senderId\":\"" + sender + "\",\"clientMsgId\":\"c1\",\"body\":\"hi\","
                + "\"createdAt\":\"2025-01-02T03:04:05.678Z\",\"deleted\":false,\"replyCount\":0,"
                + "\"reactions\":[],\"mentions\":[],\"attachments\":[]}");
    }

    @Test
    void writesErrorsWithCodeFieldAndRetryAfter() {
        assertThat(json(ServerFrame.Error.invalidField("body", "too long", JsonNodeFactory.instance.stringNode("x"))))
                .isEqualTo("{\"type\":\"error\",\"code\":\"validation_failed\",\"message\":\"too long\",\"field\":\"body\",\"id\":\"x\"}");
        assertThat(json(ServerFrame.Error.rateLimited(250, null)))
                .isEqualTo("{\"type\":\"error\",\"code\":\"rate_limited\",\"message\":\"too many requests, retry later\",\"retryAfterMs\":250}");
    }

    @Test
    void writesEveryPushWithTheContractsFields() {
        UUID message = UUID.fromString("00000000-0000-0000-0000-00000000000a");
        Instant at = Instant.parse("2025-01-02T03:04:05Z");
        assertThat(json(new ServerFrame.MessageEditedPush(ROOM, 3, message, "new", at))).isEqualTo(
                "{\"type\":\"message_edited\",\"roomId\":\"" + ROOM + "\",\"seq\":3,\"messageId\":\"" + message
                        + "\",\"body\":\"new\",\"editedAt\":\"2025-01-02T03:04:05Z\"}");
        assertThat(json(new ServerFrame.MessageDeletedPush(ROOM, 3, message))).isEqualTo(
                "{\"type\":\"message_deleted\",\"roomId\":\"" + ROOM + "\",\"seq\":3,\"messageId\":\"" + message + "\"}");
        assertThat(json(new ServerFrame.PresencePush(ROOM, USER, "online"))).isEqualTo(
                "{\"type\":\"presence\",\"roomId\":\"" + ROOM + "\",\"userId\":\"" + USER + "\",\"status\":\"online\"}");
        assertThat(json(new ServerFrame.MemberJoinedPush(ROOM, USER, "admin"))).isEqualTo(
                "{\"type\":\"member_joined\",\"roomId\":\"" + ROOM + "\",\"userId\":\"" + USER + "\",\"role\":\"admin\"}");
        assertThat(json(new ServerFrame.MemberLeftPush(ROOM, USER, "kicked"))).isEqualTo(
                "{\"type\":\"member_left\",\"roomId\":\"" + ROOM + "\",\"userId\":\"" + USER + "\",\"reason\":\"kicked\"}");
        assertThat(json(new ServerFrame.RoomDeletedPush(ROOM))).isEqualTo(
                "{\"type\":\"room_deleted\",\"roomId\":\"" + ROOM + "\"}");
        assertThat(json(new ServerFrame.ReadPush(ROOM, USER, 9))).isEqualTo(
                "{\"type\":\"read\",\"roomId\":\"" + ROOM + "\",\"userId\":\"" + USER + "\",\"seq\":9}");
        assertThat(json(new ServerFrame.TypingPush(ROOM, USER))).isEqualTo(
                "{\"type\":\"typing\",\"roomId\":\"" + ROOM + "\",\"userId\":\"" + USER + "\"}");
    }

    @Test
    void roomUpdatedCarriesTheEventsFieldsWithAClearedTopicAsNull() {
        String json = json(ServerFrame.RoomUpdatedPush.of(new RoomUpdated(ROOM, "Lobby", null, "private",
                Instant.parse("2025-01-02T03:04:05Z"))));
        assertThat(json).isEqualTo("{\"type\":\"room_updated\",\"roomId\":\"" + ROOM + "\",\"room\":{\"id\":\"" + ROOM
                + "\",\"name\":\"Lobby\",\"topic\":null,\"visibility\":\"private\",\"updatedAt\":\"2025-01-02T03:04:05Z\"}}");
    }

    @Test
    void anUnpairedSurrogateInAnEchoedIdIsEscapedSoTheFrameIsValidUtf8() {
        OutboundFrame frame = writer.write(new ServerFrame.Pong(JsonNodeFactory.instance.stringNode("a\ud800b")));
        assertThat(frame.text()).isEqualTo("{\"type\":\"pong\",\"id\":\"a\\uD800b\"}");
        assertThat(JsonMapper.builder().build().readTree(frame.text()).path("id").asString())
                .isEqualTo("a\ud800b");
    }

    @Test
    void theTypeOfEachFrameIsKnownForMetrics() {
        assertThat(writer.write(new ServerFrame.RoomDeletedPush(ROOM)).type()).isEqualTo("room_deleted");
        assertThat(writer.write(new ServerFrame.Pong(null)).type()).isEqualTo("pong");
    }

    private String json(ServerFrame frame) {
        return writer.write(frame).text();
    }
}
