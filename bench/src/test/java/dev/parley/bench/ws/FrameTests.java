package dev.parley.bench.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FrameTests {

    @Test
    void aMessagePushGivesItsRoomSeqAndClientMsgId() {
        Frame frame = parse("{\"type\":\"message\",\"id\":\"m1\",\"roomId\":\"r1\",\"seq\":42,\"senderId\":\"u\","
                + "\"clientMsgId\":\"b1-2-3\",\"body\":\"hi {\\\"x\\\":1}\",\"createdAt\":\"2026-01-01T00:00:00Z\","
                + "\"editedAt\":null,\"deleted\":false}");

        assertThat(frame.type()).isEqualTo("message");
        assertThat(frame.roomId()).isEqualTo("r1");
        assertThat(frame.seq()).isEqualTo(42);
        assertThat(frame.clientMsgId()).isEqualTo("b1-2-3");
    }

    @Test
    void nestedObjectsAreSkippedAndAbsentNumbersAreMinusOne() {
        Frame frame = parse("{\"type\":\"room_updated\",\"room\":{\"id\":\"x\",\"seq\":7,\"type\":\"no\"},\"roomId\":\"r\"}");

        assertThat(frame.type()).isEqualTo("room_updated");
        assertThat(frame.roomId()).isEqualTo("r");
        assertThat(frame.seq()).isEqualTo(-1);
    }

    @Test
    void readyCarriesTheHeartbeat() {
        assertThat(parse("{\"type\":\"ready\",\"sessionId\":\"s\",\"userId\":\"u\",\"heartbeatMs\":25000}").heartbeatMs())
                .isEqualTo(25_000);
    }

    private static Frame parse(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return Frame.parse(bytes, 0, bytes.length);
    }
}
