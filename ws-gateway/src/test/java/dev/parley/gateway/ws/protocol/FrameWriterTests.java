package dev.parley.gateway.ws.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

class FrameWriterTests {

    private final FrameWriter writer = new FrameWriter();

    @Test
    void writesTheTypeFirstAndLeavesOutAbsentFields() {
        UUID user = UUID.fromString("00000000-0000-0000-0000-000000000001");
        assertThat(writer.write(new ServerFrame.Ready("s1", user, 25000, null)).getPayload()).isEqualTo(
                "{\"type\":\"ready\",\"sessionId\":\"s1\",\"userId\":\"" + user + "\",\"heartbeatMs\":25000}");
        assertThat(writer.write(new ServerFrame.Pong(JsonNodeFactory.instance.numberNode(3))).getPayload())
                .isEqualTo("{\"type\":\"pong\",\"id\":3}");
    }

    @Test
    void writesTimesAsRfc3339AndMessagesWithTheirDeletedFlag() {
        UUID id = UUID.randomUUID();
        UUID room = UUID.randomUUID();
        UUID sender = UUID.randomUUID();
        String json = writer.write(new ServerFrame.MessagePush(id, room, 4, sender, "c1", "hi",
                Instant.parse("2025-01-02T03:04:05.678Z"), null, false)).getPayload();
        assertThat(json).isEqualTo("{\"type\":\"message\",\"id\":\"" + id + "\",\"roomId\":\"" + room
                + "\",\"seq\":4,\"senderId\":\"" + sender + "\",\"clientMsgId\":\"c1\",\"body\":\"hi\","
                + "\"createdAt\":\"2025-01-02T03:04:05.678Z\",\"deleted\":false}");
    }

    @Test
    void writesErrorsWithCodeAndField() {
        assertThat(writer.write(ServerFrame.Error.invalidField("body", "too long", JsonNodeFactory.instance.stringNode("x")))
                .getPayload())
                .isEqualTo("{\"type\":\"error\",\"code\":\"validation_failed\",\"message\":\"too long\",\"field\":\"body\",\"id\":\"x\"}");
    }
}
