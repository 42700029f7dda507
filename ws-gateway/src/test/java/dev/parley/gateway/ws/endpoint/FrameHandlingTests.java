package dev.parley.gateway.ws.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.gateway.ws.support.GatewayIntegrationTest;
import dev.parley.gateway.ws.support.RawWsClient;
import dev.parley.gateway.ws.support.WsTestClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

class FrameHandlingTests extends GatewayIntegrationTest {

    @Test
    void pingIsAnsweredWithPongEchoingItsId() {
        WsTestClient client = connectReady();
        assertThat(client.send("{\"type\":\"ping\",\"id\":\"p-1\"}").next("pong").path("id").asString()).isEqualTo("p-1");
        assertThat(client.send("{\"type\":\"ping\",\"id\":42}").next("pong").path("id").asInt()).isEqualTo(42);
        assertThat(client.send("{\"type\":\"ping\",\"id\":{\"n\":[1,2]}}").next("pong").path("id").path("n").get(1).asInt())
                .isEqualTo(2);
        assertThat(client.send("{\"type\":\"ping\"}").next("pong").has("id")).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "this is not json                 | invalid_frame",
            "[\"ping\"]                        | invalid_frame",
            "{\"id\":5}                        | invalid_frame",
            "{\"type\":\"dance\",\"id\":5}     | unknown_type",
            "{\"type\":\"subscribe\",\"id\":5} | validation_failed",
    })
    void badFramesGetAnErrorAndTheConnectionStaysOpen(String frame, String code) {
        WsTestClient client = connectReady();
        JsonNode error = client.send(frame).next("error");
        assertThat(error.path("code").asString()).isEqualTo(code);
        assertThat(error.path("message").asString()).isNotBlank();
        if (frame.contains("\"id\":5") && !code.equals("invalid_frame")) {
            assertThat(error.path("id").asInt()).isEqualTo(5);
        }
        client.send("{\"type\":\"ping\",\"id\":\"still-there\"}").next("pong");
    }

    @Test
    void aFrameWithAnIdTooLongToEchoIsAnsweredInvalidFrameWithoutItAndNotActedOn() {
        WsTestClient client = connectReady();
        String longId = "x".repeat(129);
        JsonNode error = client.send("{\"type\":\"ping\",\"id\":\"" + longId + "\"}").next("error");
        assertThat(error.path("code").asString()).isEqualTo("invalid_frame");
        assertThat(error.has("id")).isFalse();
        client.expectSilence(Duration.ofMillis(200)); // no pong: the ping was not acted on
        assertThat(client.send("{\"type\":\"ping\",\"id\":\"" + "x".repeat(128) + "\"}").next("pong")
                .path("id").asString()).hasSize(128);
    }

    @Test
    void binaryFrameClosesWith1003() {
        WsTestClient client = connectReady();
        client.sendBinary(new byte[] {1, 2, 3});
        assertThat(client.awaitClose()).isEqualTo(1003);
    }

    @Test
    void largeBinaryFrameAlsoClosesWith1003() {
        WsTestClient client = connectReady();
        client.sendBinary(new byte[40_000]);
        assertThat(client.awaitClose()).isEqualTo(1003);
    }

    @Test
    void frameOverSixtyFourKibibytesClosesWith1009() {
        // written raw: the JDK's client cuts a text message into frames of 16 KiB, a message in fragments
        try (RawWsClient client = RawWsClient.connect(wsUri(), tokens.accessToken(UUID.randomUUID(), "big"), 0)) {
            assertThat(client.next(Duration.ofSeconds(5)).path("type").asString()).isEqualTo("ready");
            client.sendText("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(64 * 1024) + "\"}");
            assertThat(client.awaitClose(Duration.ofSeconds(5))).isEqualTo(1009);
        }
    }

    @Test
    void frameOverTheByteLimitInFewerCharactersAlsoClosesWith1009() {
        WsTestClient client = connectReady();
        // 30,000 euro signs: under 64 Ki characters, but 90,000 bytes of UTF-8
        client.send("{\"type\":\"ping\",\"pad\":\"" + "\u20ac".repeat(30_000) + "\"}");
        assertThat(client.awaitClose()).isEqualTo(1009);
    }

    @Test
    void aMessageInFragmentsOverSixtyFourKibibytesClosesWith1009() {
        try (RawWsClient client = RawWsClient.connect(wsUri(), tokens.accessToken(UUID.randomUUID(), "frag"), 0)) {
            assertThat(client.next(Duration.ofSeconds(5)).path("type").asString()).isEqualTo("ready");
            // four fragments of 20,000 bytes, each well under the limit: 80,000 bytes of one ping
            client.sendFrame(0x1, ("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(20_000 - 22))
                    .getBytes(StandardCharsets.UTF_8), false);
            client.sendFrame(0x0, "x".repeat(20_000).getBytes(StandardCharsets.UTF_8), false);
            client.sendFrame(0x0, "x".repeat(20_000).getBytes(StandardCharsets.UTF_8), false);
            client.sendFrame(0x0, ("x".repeat(20_000 - 2) + "\"}").getBytes(StandardCharsets.UTF_8), true);
            assertThat(client.awaitClose(Duration.ofSeconds(5))).isEqualTo(1009);
        }
    }

    @Test
    void beforeReadyABinaryFrameClosesWith1003EvenWhenItHoldsAValidAuth() {
        String token = tokens.accessToken(UUID.randomUUID(), "bin");
        WsTestClient client = connectAnonymously();
        client.sendBinary(auth(token, "").getBytes(StandardCharsets.UTF_8));
        assertThat(client.awaitClose()).isEqualTo(1003);
        assertThat(client.poll(Duration.ZERO)).as("no ready before the close").isNull();
    }

    @Test
    void beforeReadyAnAuthFrameOverSixtyFourKibibytesClosesWith1009() {
        try (RawWsClient client = RawWsClient.connect(wsUri(), null, 0)) {
            client.sendText(auth(tokens.accessToken(UUID.randomUUID(), "big"), "x".repeat(64 * 1024)));
            RawWsClient.Frame answer = client.read(Duration.ofSeconds(5));
            assertThat(answer).isNotNull();
            assertThat(answer.opcode()).as("a close, with no ready before it").isEqualTo(0x8);
            assertThat(answer.closeCode()).isEqualTo(1009);
        }
    }

    @Test
    void frameJustUnderTheLimitIsAccepted() {
        WsTestClient client = connectReady();
        client.send("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(64 * 1024 - 40) + "\"}").next("pong");
        client.send("{\"type\":\"ping\",\"pad\":\"" + "\u20ac".repeat(21_000) + "\"}").next("pong");
    }

    @Test
    void aFragmentedFrameIsReassembled() {
        try (RawWsClient client = RawWsClient.connect(wsUri(), tokens.accessToken(UUID.randomUUID(), "frag"), 0)) {
            assertThat(client.next(Duration.ofSeconds(5)).path("type").asString()).isEqualTo("ready");
            client.sendFrame(0x1, "{\"type\":".getBytes(StandardCharsets.UTF_8), false);
            client.sendFrame(0x0, "\"ping\",\"id\":".getBytes(StandardCharsets.UTF_8), false);
            client.sendFrame(0x0, "\"f\"}".getBytes(StandardCharsets.UTF_8), true);
            JsonNode pong = client.next(Duration.ofSeconds(5));
            assertThat(pong.path("type").asString()).isEqualTo("pong");
            assertThat(pong.path("id").asString()).isEqualTo("f");
        }
    }

    @Test
    void textThatIsNotUtf8ClosesWith1007AndTheGatewayCarriesOn() {
        try (RawWsClient client = RawWsClient.connect(wsUri(), tokens.accessToken(UUID.randomUUID(), "bytes"), 0)) {
            client.next(Duration.ofSeconds(5));
            client.sendFrame(0x1, new byte[] {'{', (byte) 0xc3, (byte) 0x28, '}'}, true);
            assertThat(client.awaitClose(Duration.ofSeconds(5))).isEqualTo(1007);
        }
        connectReady().send("{\"type\":\"ping\"}").next("pong");
    }

    @Test
    void theServerPingsEveryHeartbeatAndAClientThatAnswersStaysConnected() {
        try (RawWsClient client = RawWsClient.connect(wsUri(), tokens.accessToken(UUID.randomUUID(), "alive"), 0)) {
            client.next(Duration.ofSeconds(5));
            int pings = 0;
            long deadline = System.nanoTime() + Duration.ofMillis(7500).toNanos();
            while (System.nanoTime() < deadline) {
                RawWsClient.Frame frame = client.read(Duration.ofMillis(500));
                assertThat(frame == null || frame.opcode() == 0x9).as("only pings while idle").isTrue();
                pings += frame == null ? 0 : 1;
            }
            assertThat(pings).isBetween(2, 4);
            client.sendText("{\"type\":\"ping\",\"id\":1}");
            assertThat(client.next(Duration.ofSeconds(5)).path("type").asString()).isEqualTo("pong");
        }
    }

    @Test
    void aClientThatMissesTwoHeartbeatsIsClosedWith4008() {
        try (RawWsClient client = RawWsClient.connect(wsUri(), tokens.accessToken(UUID.randomUUID(), "dead"), 0)) {
            client.answerPings(false);
            client.next(Duration.ofSeconds(5));
            int pings = 0;
            long started = System.nanoTime();
            RawWsClient.Frame frame;
            while ((frame = client.read(Duration.ofSeconds(10))) != null && frame.opcode() == 0x9) {
                pings++;
            }
            assertThat(frame).isNotNull();
            assertThat(frame.opcode()).isEqualTo(0x8);
            assertThat(frame.closeCode()).isEqualTo(4008);
            assertThat(pings).isEqualTo(2);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(8));
        }
    }

    /** An {@code auth} frame with a valid token, padded with a field the gateway ignores. */
    private static String auth(String token, String pad) {
        return "{\"type\":\"auth\",\"token\":\"" + token + "\",\"pad\":\"" + pad + "\"}";
    }
}
