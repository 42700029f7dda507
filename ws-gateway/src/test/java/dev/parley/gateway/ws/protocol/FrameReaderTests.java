package dev.parley.gateway.ws.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FrameReaderTests {

    private static final String ROOM = "0b6f3c3e-8d0a-4f5e-9a53-2c1d7e4b9f10";

    private final FrameReader reader = new FrameReader();

    @Test
    void readsEveryContractFrameWithItsId() {
        assertThat(reader.read("{\"type\":\"ping\",\"id\":7}")).isInstanceOfSatisfying(ClientFrame.Ping.class,
                ping -> assertThat(ping.id().intValue()).isEqualTo(7));
        assertThat(reader.read("{\"type\":\"auth\",\"token\":\"t\",\"id\":\"a\"}"))
                .isEqualTo(new ClientFrame.Auth("t", reader.read("{\"type\":\"ping\",\"id\":\"a\"}").id()));
        assertThat(reader.read("{\"type\":\"subscribe\",\"roomId\":\"" + ROOM + "\",\"sinceSeq\":5}"))
                .isEqualTo(new ClientFrame.Subscribe(UUID.fromString(ROOM), 5L, null));
        assertThat(reader.read("{\"type\":\"subscribe\",\"roomId\":\"" + ROOM + "\"}"))
                .isEqualTo(new ClientFrame.Subscribe(UUID.fromString(ROOM), null, null));
        assertThat(reader.read("{\"type\":\"unsubscribe\",\"roomId\":\"" + ROOM + "\"}"))
                .isEqualTo(new ClientFrame.Unsubscribe(UUID.fromString(ROOM), null));
        assertThat(reader.read("{\"type\":\"send\",\"roomId\":\"" + ROOM + "\",\"clientMsgId\":\"c-1_A\",\"body\":\"hi\"}"))
                .isEqualTo(new ClientFrame.Send(UUID.fromString(ROOM), "c-1_A", "hi", null));
        assertThat(reader.read("{\"type\":\"typing\",\"roomId\":\"" + ROOM + "\"}"))
                .isEqualTo(new ClientFrame.Typing(UUID.fromString(ROOM), null));
        assertThat(reader.read("{\"type\":\"read\",\"roomId\":\"" + ROOM + "\",\"seq\":0}"))
                .isEqualTo(new ClientFrame.Read(UUID.fromString(ROOM), 0, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "{\"type\":", "[1,2]", "\"ping\"", "42", "null", "{\"id\":1}",
            "{\"type\":7}", "{\"type\":null}", "{\"type\":\"ping\"} {\"type\":\"ping\"}"})
    void malformedFramesAreInvalidFrames(String payload) {
        assertThat(rejection(payload).code()).isEqualTo("invalid_frame");
    }

    @Test
    void unknownTypeIsRejectedWithItsId() {
        ServerFrame.Error error = rejection("{\"type\":\"dance\",\"id\":\"x1\"}");
        assertThat(error.code()).isEqualTo("unknown_type");
        assertThat(error.id().stringValue()).isEqualTo("x1");
    }

    /**
     * What only the frame reader can get wrong: a missing field, a wrong JSON type, an id that is no UUID, a number
     * out of range. The body and clientMsgId rules themselves are the shared vectors' (MessageRuleVectorsTests).
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"type\":\"send\",\"clientMsgId\":\"c\",\"body\":\"b\"}                                  | roomId",
            "{\"type\":\"send\",\"roomId\":\"not-a-uuid\",\"clientMsgId\":\"c\",\"body\":\"b\"}         | roomId",
            "{\"type\":\"send\",\"roomId\":\"1-1-1-1-1\",\"clientMsgId\":\"c\",\"body\":\"b\"}          | roomId",
            "{\"type\":\"send\",\"roomId\":\"ROOM\",\"body\":\"b\"}                                      | clientMsgId",
            "{\"type\":\"send\",\"roomId\":\"ROOM\",\"clientMsgId\":12,\"body\":\"b\"}                   | clientMsgId",
            "{\"type\":\"send\",\"roomId\":\"ROOM\",\"clientMsgId\":\"c\"}                               | body",
            "{\"type\":\"send\",\"roomId\":\"ROOM\",\"clientMsgId\":\"c\",\"body\":42}                   | body",
            "{\"type\":\"subscribe\",\"roomId\":\"ROOM\",\"sinceSeq\":-1}                                | sinceSeq",
            "{\"type\":\"subscribe\",\"roomId\":\"ROOM\",\"sinceSeq\":\"3\"}                             | sinceSeq",
            "{\"type\":\"subscribe\",\"roomId\":\"ROOM\",\"sinceSeq\":1.5}                               | sinceSeq",
            "{\"type\":\"read\",\"roomId\":\"ROOM\"}                                                     | seq",
            "{\"type\":\"read\",\"roomId\":\"ROOM\",\"seq\":\"9\"}                                       | seq",
            "{\"type\":\"typing\"}                                                                       | roomId",
    })
    void invalidFieldsAreValidationFailuresNamingTheField(String payload, String field) {
        ServerFrame.Error error = rejection(payload.replace("ROOM", ROOM));
        assertThat(error.code()).isEqualTo("validation_failed");
        assertThat(error.field()).isEqualTo(field);
    }

    @Test
    void anIdOfUpTo128CharactersIsEchoedAndALongerOneMakesAnInvalidFrameThatDoesNotEchoIt() {
        String longest = "i".repeat(FrameReader.MAX_ID_LENGTH);
        assertThat(reader.read("{\"type\":\"ping\",\"id\":\"" + longest + "\"}").id().stringValue()).isEqualTo(longest);

        ServerFrame.Error error = rejection("{\"type\":\"ping\",\"id\":\"" + longest + "x\"}");
        assertThat(error.code()).isEqualTo("invalid_frame");
        assertThat(error.message()).contains("128");
        assertThat(error.id()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"type\":\"send\",\"roomId\":\"ROOM\",\"clientMsgId\":\"c\",\"body\":\"b\",\"id\":\"LONG\"}",
            "{\"type\":\"subscribe\",\"roomId\":\"ROOM\",\"id\":\"LONG\"}",
            "{\"type\":\"dance\",\"id\":\"LONG\"}",
            "{\"id\":\"LONG\"}",
            "{\"type\":\"ping\",\"id\":{\"pad\":\"LONG\"}}",
            "{\"type\":\"ping\",\"id\":[\"LONG\"]}",
            "{\"type\":\"ping\",\"id\":DIGITS}",
    })
    void aTooLongIdOfAnyShapeMakesAnyFrameAnInvalidFrame(String payload) {
        ServerFrame.Error error = rejection(payload.replace("ROOM", ROOM).replace("LONG", "x".repeat(129))
                .replace("DIGITS", "9".repeat(129)));
        assertThat(error.code()).isEqualTo("invalid_frame");
        assertThat(error.id()).isNull();
    }

    @Test
    void anIdOtherThanAStringCountsItsJsonText() {
        String array = "[" + "1,".repeat(63) + "1]"; // 129 characters
        assertThat(rejection("{\"type\":\"ping\",\"id\":" + array + "}").code()).isEqualTo("invalid_frame");
        String shorter = "[" + "1,".repeat(62) + "1]"; // 127 characters
        assertThat(reader.read("{\"type\":\"ping\",\"id\":" + shorter + "}").id().size()).isEqualTo(63);
    }

    @Test
    void bodyKeepsTabsLineBreaksAndMarkupVerbatim() {
        String body = "line 1\r\n\tline 2 <script>alert(1)</script> \u00e9\u20ac";
        assertThat(((ClientFrame.Send) reader.read(send(body))).body()).isEqualTo(body);
    }

    private String send(String body) {
        String escaped = body.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", "\\r")
                .replace("\n", "\\n").replace("\t", "\\t");
        return "{\"type\":\"send\",\"roomId\":\"" + ROOM + "\",\"clientMsgId\":\"c\",\"body\":\"" + escaped + "\"}";
    }

    private ServerFrame.Error rejection(String payload) {
        FrameRejected rejected = catchThrowableOfType(FrameRejected.class, () -> reader.read(payload));
        assertThat(rejected).as("rejection of %s", payload).isNotNull();
        return rejected.error();
    }
}
