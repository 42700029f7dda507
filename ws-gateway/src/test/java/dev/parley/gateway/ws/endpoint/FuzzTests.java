package dev.parley.gateway.ws.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.gateway.ws.support.GatewayIntegrationTest;
import dev.parley.gateway.ws.support.RawWsClient;
import dev.parley.gateway.ws.support.WsTestClient;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Thousands of hostile frames on one connection: random text, random JSON shapes, wrong types, huge
 * numbers, deep nesting, Unicode edge cases. Every one is answered with exactly one contract error,
 * in order, and the connection (and the gateway) carries on.
 */
class FuzzTests extends GatewayIntegrationTest {

    private static final int FRAMES = 3000;
    private static final Set<String> FRAME_ERRORS = Set.of("invalid_frame", "unknown_type", "validation_failed");
    private static final String[] TRICKY_TEXT = {"", " ", "\u0000", "\u0007", "\t\r\n", "\u00a0", "\u200b", "\u202e",
            "\ufeff", "\uffff", "\ud83d\ude00", "\u0301", "e\u0301", "\u4e2d\u6587", "\u0645\u0631\u062d\u0628\u0627",
            "\\", "\"", "null", "<script>", "'; drop table messages; --", "%s%n", "../../etc/passwd"};

    private final Random random = new Random(20250601);

    @Test
    void thousandsOfHostileFramesAreEachAnsweredWithAnErrorAndTheConnectionSurvives() {
        List<Supplier<String>> generators = List.of(this::randomText, this::randomJsonValue, this::wrongTypeOfType,
                this::unknownType, this::knownTypeWithBadFields, this::hugeNumber, this::deepNesting,
                this::unicodeEdgeCase);
        WsTestClient client = connectReady();
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < FRAMES; i++) {
            String frame = generators.get(random.nextInt(generators.size())).get();
            sent.add(frame);
            client.send(frame);
        }
        client.send("{\"type\":\"ping\",\"id\":\"after-the-storm\"}");

        for (int i = 0; i < FRAMES; i++) {
            JsonNode answer = client.next();
            assertThat(answer.path("type").asString()).as("answer to %s", sent.get(i)).isEqualTo("error");
            assertThat(answer.path("code").asString()).as("answer to %s", sent.get(i)).isIn(FRAME_ERRORS);
            assertThat(answer.path("message").asString()).isNotBlank();
        }
        assertThat(client.next("pong").path("id").asString()).isEqualTo("after-the-storm");
        assertThat(client.isOpen()).isTrue();
    }

    @Test
    void echoedIdsSurviveWhateverShapeTheyHave() {
        WsTestClient client = connectReady();
        String[] ids = {"\"\\ud800\"", "\"\\udfff\\ud800\"", "1e400", "0.10000000000000000001",
                "123456789012345678901234567890", "-0", "[]",
                "{\"nested\":{\"a\":[1,{\"b\":null}]}}", "\"" + "\\u0000".repeat(10) + "\"", "true", "null"};
        // decimals compared exactly: as doubles, 0.10000000000000000001 and 0.1 would look the same
        JsonMapper json = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
        for (String id : ids) {
            JsonNode error = client.send("{\"type\":\"nope\",\"id\":" + id + "}").next("error");
            assertThat(error.path("code").asString()).isEqualTo("unknown_type");
            assertThat(error.get("id")).as("the id %s comes back as it was sent", id).isEqualTo(json.readTree(id));
        }
        client.send("{\"type\":\"ping\"}").next("pong");
    }

    @Test
    void randomBytesOnTheWireCloseThoseConnectionsAndNobodyElses() throws Exception {
        WsTestClient bystander = connectReady();
        for (int i = 0; i < 30; i++) {
            try (RawWsClient client = RawWsClient.connect(wsUri(), tokens.accessToken(UUID.randomUUID(), "noise"), 0)) {
                client.next(Duration.ofSeconds(5));
                byte[] noise = new byte[1 + random.nextInt(300)];
                random.nextBytes(noise);
                if (i % 2 == 0) {
                    noise[noise.length - 1] = (byte) 0xff; // never UTF-8
                    client.sendFrame(0x1, noise, true); // random bytes as a text frame
                    assertThat(client.awaitClose(Duration.ofSeconds(10))).isEqualTo(1007);
                } else {
                    client.sendRaw(noise); // random bytes where a frame header should be
                    client.shutdownOutput();
                    client.awaitClose(Duration.ofSeconds(10)); // whatever the close: the connection ends
                }
            }
        }
        try (Socket garbage = new Socket("127.0.0.1", port)) {
            byte[] noise = new byte[2000];
            random.nextBytes(noise);
            garbage.getOutputStream().write(noise); // not even HTTP
        } catch (IOException expected) {
            // the server may hang up while we write
        }
        bystander.send("{\"type\":\"ping\"}").next("pong");
        connectReady().send("{\"type\":\"ping\"}").next("pong");
    }

    // ---- generators: each frame must be wrong in a way the contract answers with an error ----

    private String randomText() {
        byte[] bytes = new byte[1 + random.nextInt(200)];
        random.nextBytes(bytes);
        String text = new String(bytes, StandardCharsets.UTF_8); // invalid sequences become U+FFFD
        return "#" + text; // never JSON
    }

    private String randomJsonValue() {
        return switch (random.nextInt(6)) {
            case 0 -> Long.toString(random.nextLong());
            case 1 -> quoted(tricky());
            case 2 -> "[" + quoted("type") + "," + quoted("ping") + "]";
            case 3 -> "{" + quoted(tricky() + "k") + ":" + random.nextInt() + "}";
            case 4 -> random.nextBoolean() ? "null" : "true";
            default -> "{}";
        };
    }

    private String wrongTypeOfType() {
        String[] values = {"1", "1.5", "null", "true", "[\"ping\"]", "{\"type\":\"ping\"}", "-0", "1e400"};
        return "{\"type\":" + values[random.nextInt(values.length)] + ",\"id\":" + random.nextInt(1000) + "}";
    }

    private String unknownType() {
        String[] types = {"PING", "Ping", "ping ", " ping", "pi\\u0000ng", "\\uff50\\uff49\\uff4e\\uff47", "ping\\u200b",
                "subscribe\\n", "", "message", "ack", "ready", "error", "sendd", "__proto__", "constructor"};
        return "{\"type\":\"" + types[random.nextInt(types.length)] + "\",\"roomId\":\"" + UUID.randomUUID() + "\"}";
    }

    private String knownTypeWithBadFields() {
        String room = UUID.randomUUID().toString();
        String[] badRooms = {"1", "null", "[]", "{}", "\"\"", "\"not-a-uuid\"", "\"" + room.toUpperCase() + "x\"",
                "\"\\u0660\\u0661\\u0662" + room.substring(3) + "\"", "\"" + "a".repeat(5000) + "\"", "true"};
        String[] badSeqs = {"-1", "1.5", "\"3\"", "1e400", "123456789012345678901234567890", "true", "[]", "{}",
                "-9223372036854775809", "9.0E18"};
        String badRoom = badRooms[random.nextInt(badRooms.length)];
        String badSeq = badSeqs[random.nextInt(badSeqs.length)];
        return switch (random.nextInt(8)) {
            case 0 -> "{\"type\":\"subscribe\",\"roomId\":" + badRoom + "}";
            case 1 -> "{\"type\":\"subscribe\",\"roomId\":\"" + room + "\",\"sinceSeq\":" + badSeq + "}";
            case 2 -> "{\"type\":\"unsubscribe\",\"roomId\":" + badRoom + "}";
            case 3 -> "{\"type\":\"typing\",\"roomId\":" + badRoom + "}";
            case 4 -> "{\"type\":\"read\",\"roomId\":\"" + room + "\",\"seq\":" + badSeq + "}";
            case 5 -> "{\"type\":\"read\",\"roomId\":\"" + room + "\"}";
            case 6 -> "{\"type\":\"send\",\"roomId\":\"" + room + "\",\"clientMsgId\":" + badClientMsgId()
                    + ",\"body\":\"hi\"}";
            default -> "{\"type\":\"send\",\"roomId\":\"" + room + "\",\"clientMsgId\":\"ok\",\"body\":" + badBody() + "}";
        };
    }

    private String badClientMsgId() {
        String[] ids = {"\"\"", "\"has space\"", "\"" + "x".repeat(65) + "\"", "7", "null", "\"\\u00e9\"", "[\"a\"]",
                "\"a/b\"", "\"\\ud83d\\ude00\""};
        return ids[random.nextInt(ids.length)];
    }

    private String badBody() {
        String[] bodies = {"\"\"", "\"   \"", "\"\\u0000\"", "\"a\\u0007b\"", "\"\\ud800\"", "\"\\udc00x\"", "42", "null",
                "{}", "\"" + "x".repeat(4001) + "\"", "\"" + "\\ud83d\\ude00".repeat(4001) + "\"", "\"\\u2028\\u3000\\u00a0\""};
        return bodies[random.nextInt(bodies.length)];
    }

    private String hugeNumber() {
        return "{\"type\":\"read\",\"roomId\":\"" + UUID.randomUUID() + "\",\"seq\":" + "9".repeat(1001 + random.nextInt(3000))
                + "}";
    }

    private String deepNesting() {
        int depth = 1500 + random.nextInt(3500);
        return "{\"type\":\"ping\",\"x\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
    }

    private String unicodeEdgeCase() {
        return switch (random.nextInt(5)) {
            case 0 -> "\ufeff{\"type\":\"ping\"}"; // a byte order mark before the object
            case 1 -> "{\"type\":\"ping\"}\u0000";
            case 2 -> "{\"\\u0074ype\":\"" + tricky() + "x\"}"; // an escaped key, and a type nobody knows
            case 3 -> "{\"type\":\"typing\",\"roomId\":\"" + tricky() + "\"}";
            default -> "{\"type\":\"ping\" \u00a0}";
        };
    }

    private String tricky() {
        return TRICKY_TEXT[random.nextInt(TRICKY_TEXT.length)].replace("\\", "\\\\").replace("\"", "\\\"")
                .replace("\u0000", "\\u0000").replace("\u0007", "\\u0007").replace("\t", "\\t").replace("\r", "\\r")
                .replace("\n", "\\n");
    }

    private static String quoted(String text) {
        return "\"" + text + "\"";
    }
}
