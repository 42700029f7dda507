package dev.parley.gateway.ws.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.gateway.ws.support.GatewayIntegrationTest;
import dev.parley.gateway.ws.support.WsTestClient;
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
    void binaryFrameClosesWith1003() {
        WsTestClient client = connectReady();
        client.sendBinary(new byte[] {1, 2, 3});
        assertThat(client.awaitClose()).isEqualTo(1003);
    }

    @Test
    void frameOverSixtyFourKibibytesClosesWith1009() {
        WsTestClient client = connectReady();
        client.send("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(64 * 1024) + "\"}");
        assertThat(client.awaitClose()).isEqualTo(1009);
    }

    @Test
    void frameOverTheByteLimitInFewerCharactersAlsoClosesWith1009() {
        WsTestClient client = connectReady();
        // 30,000 euro signs: under 64 Ki characters, but 90,000 bytes of UTF-8
        client.send("{\"type\":\"ping\",\"pad\":\"" + "\u20ac".repeat(30_000) + "\"}");
        assertThat(client.awaitClose()).isEqualTo(1009);
    }

    @Test
    void frameJustUnderTheLimitIsAccepted() {
        WsTestClient client = connectReady();
        client.send("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(64 * 1024 - 40) + "\"}").next("pong");
    }
}
