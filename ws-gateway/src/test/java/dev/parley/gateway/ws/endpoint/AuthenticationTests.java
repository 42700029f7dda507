package dev.parley.gateway.ws.endpoint;

import static dev.parley.gateway.ws.support.TestGatewayProperties.HEARTBEAT;
import static dev.parley.testing.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.gateway.ws.presence.PresenceKeys;
import dev.parley.gateway.ws.support.GatewayIntegrationTest;
import dev.parley.gateway.ws.support.WsTestClient;
import dev.parley.platform.web.EveryResponse;
import dev.parley.testing.RawHttp;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;

class AuthenticationTests extends GatewayIntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    StringRedisTemplate redis;

    static Stream<Arguments> hostileTokens() {
        return Stream.of(
                Arguments.of("expired", (Function<UUID, String>) tokens::expired),
                Arguments.of("wrong audience", (Function<UUID, String>) tokens::wrongAudience),
                Arguments.of("wrong issuer", (Function<UUID, String>) tokens::wrongIssuer),
                Arguments.of("unknown key", (Function<UUID, String>) tokens::unknownKey),
                Arguments.of("alg none", (Function<UUID, String>) tokens::unsigned),
                Arguments.of("tampered", (Function<UUID, String>) tokens::tampered),
                Arguments.of("garbage", (Function<UUID, String>) user -> "not-a-jwt"));
    }

    @Test
    void headerTokenMakesTheSessionReadyAtOnce() {
        UUID user = UUID.randomUUID();
        WsTestClient client = track(WsTestClient.connect(wsUri(), tokens.accessToken(user, "alice")));
        JsonNode ready = client.next("ready");
        assertThat(ready.path("userId").asString()).isEqualTo(user.toString());
        assertThat(ready.path("sessionId").asString()).isNotBlank();
        assertThat(ready.path("heartbeatMs").asLong()).isEqualTo(HEARTBEAT.toMillis()); // the test setting; 25000 by default
        assertThat(ready.has("id")).isFalse();
    }

    @Test
    void authFrameMakesTheSessionReadyAndEchoesItsId() {
        UUID user = UUID.randomUUID();
        String token = tokens.accessToken(user, "bob"); // signed before the 2 s to authenticate begin
        WsTestClient client = connectAnonymously();
        client.send("{\"type\":\"auth\",\"token\":\"" + token + "\",\"id\":\"a1\"}");
        JsonNode ready = client.next("ready");
        assertThat(ready.path("userId").asString()).isEqualTo(user.toString());
        assertThat(ready.path("id").asString()).isEqualTo("a1");
        client.send("{\"type\":\"ping\"}").next("pong");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileTokens")
    void hostileTokenInTheUpgradeRequestIsRefusedWith401(String kind, Function<UUID, String> token) {
        assertThat(WsTestClient.refusedUpgradeStatus(wsUri(), token.apply(UUID.randomUUID()))).isEqualTo(401);
    }

    @Test
    void aRefusedUpgradeIsAProblemDocument() throws Exception {
        HttpResponse<String> refused = getFromWebSocketPort("/ws", tokens.expired(UUID.randomUUID()));
        assertProblem(refused, 401, "unauthorized");
        assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
    }

    /**
     * Contract §7's headers on the answers this port writes, which reach a client through the edge's hand-over as
     * they are (ADR 0023): the upgrade's 101 and a refusal alike.
     */
    @Test
    void theUpgradesAnswersCarryTheHeadersOfEveryResponse() throws Exception {
        String accepted = upgradeHead(tokens.accessToken(UUID.randomUUID(), "headers"));
        String refused = upgradeHead(tokens.expired(UUID.randomUUID()));

        assertThat(accepted).startsWith("HTTP/1.1 101 ");
        assertThat(refused).startsWith("HTTP/1.1 401 ");
        for (String head : List.of(accepted, refused)) {
            EveryResponse.HEADERS.forEach((name, value) ->
                    assertThat(head).as(name).containsIgnoringCase("\r\n" + name + ": " + value + "\r\n"));
        }
    }

    @Test
    void aBrowserPageOfAnotherOriginMayNotOpenTheSocket() throws Exception {
        String token = tokens.accessToken(UUID.randomUUID(), "user");
        assertThat(WsTestClient.refusedUpgradeStatus(wsUri(), Map.of("Authorization", "Bearer " + token,
                "Origin", "https://evil.example.net"))).isEqualTo(403);
        HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + wsPort + "/ws"))
                .header("Origin", "https://evil.example.net").build(), HttpResponse.BodyHandlers.ofString());
        assertProblem(refused, 403, "origin_not_allowed");
        WsTestClient allowed = track(WsTestClient.connectWith(wsUri(), Map.of("Authorization", "Bearer " + token,
                "Origin", "https://chat.example.com")));
        allowed.next("ready");
    }

    @Test
    void theWebSocketPortServesNothingButTheUpgrade() throws Exception {
        assertProblem(getFromWebSocketPort("/actuator/health", null), 404, "not_found");
        assertProblem(getFromWebSocketPort("/ws/other", null), 404, "not_found");
        HttpResponse<String> posted = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + wsPort + "/ws"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertProblem(posted, 405, "method_not_allowed");
        assertThat(posted.headers().firstValue("Allow")).hasValue("GET");
        // and the HTTP port has no /ws
        assertThat(get("/ws", tokens.accessToken(UUID.randomUUID(), "user")).statusCode()).isIn(403, 404);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileTokens")
    void hostileTokenInAnAuthFrameClosesWith4001(String kind, Function<UUID, String> token) {
        WsTestClient client = connectAnonymously();
        client.send("{\"type\":\"auth\",\"token\":\"" + token.apply(UUID.randomUUID()) + "\"}");
        assertThat(client.awaitClose()).isEqualTo(4001);
    }

    @Test
    void anyOtherFrameBeforeReadyClosesWith4001() {
        WsTestClient client = connectAnonymously();
        client.send("{\"type\":\"ping\"}");
        assertThat(client.awaitClose()).isEqualTo(4001);
    }

    @Test
    void malformedFrameBeforeReadyClosesWith4001() {
        WsTestClient client = connectAnonymously();
        client.send("hello?");
        assertThat(client.awaitClose()).isEqualTo(4001);
    }

    @Test
    void connectionThatNeverAuthenticatesIsClosedWith4001AfterTheAuthTimeout() {
        WsTestClient client = connectAnonymously();
        client.expectSilence(Duration.ofMillis(1000));
        assertThat(client.isOpen()).isTrue();
        assertThat(client.awaitClose()).isEqualTo(4001);
    }

    @Test
    void freshTokenOfTheSameUserExtendsTheSessionKeepingItsId() {
        UUID user = UUID.randomUUID();
        // the renewal signed beforehand: it must reach the server within the first token's 3 s
        String fresh = tokens.accessToken(user, "carol");
        String first = tokens.accessTokenValidFor(user, "carol", Duration.ofSeconds(3));
        WsTestClient client = connectAnonymously();
        client.send("{\"type\":\"auth\",\"token\":\"" + first + "\"}");
        String sessionId = client.next("ready").path("sessionId").asString();
        client.send("{\"type\":\"auth\",\"token\":\"" + fresh + "\",\"id\":2}");
        JsonNode again = client.next("ready");
        assertThat(again.path("sessionId").asString()).isEqualTo(sessionId);
        assertThat(again.path("id").asInt()).isEqualTo(2);
        client.expectSilence(Duration.ofMillis(5000)); // the first token (3–4 s) has expired meanwhile
        assertThat(client.isOpen()).isTrue();
        client.send("{\"type\":\"ping\"}").next("pong");
    }

    static Stream<Arguments> refusedRenewals() {
        return Stream.of(
                Arguments.of("expired", (Function<UUID, String>) tokens::expired),
                Arguments.of("bad signature", (Function<UUID, String>) AuthenticationTests::withAnotherTokensSignature));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedRenewals")
    void aRefusedTokenOfTheSameUserOnAReadySessionClosesWith4001(String kind, Function<UUID, String> token) {
        UUID user = UUID.randomUUID();
        WsTestClient client = connectReady(user);
        client.send("{\"type\":\"auth\",\"token\":\"" + token.apply(user) + "\",\"id\":\"renew\"}");
        assertThat(client.awaitClose()).isEqualTo(4001);
        assertThat(client.poll(Duration.ZERO)).as("no ready before the close").isNull();
    }

    @Test
    void aTokenThatExpiredSecondsAgoIsRefusedAtTheUpgradeAndInAnAuthFrame() {
        UUID user = UUID.randomUUID();
        String justExpired = tokens.expiredAgo(user, "erin", Duration.ofSeconds(3));
        assertThat(WsTestClient.refusedUpgradeStatus(wsUri(), justExpired)).isEqualTo(401);
        WsTestClient client = connectAnonymously();
        client.send("{\"type\":\"auth\",\"token\":\"" + justExpired + "\",\"id\":\"late\"}");
        assertThat(client.awaitClose()).isEqualTo(4001);
        assertThat(client.poll(Duration.ZERO)).as("no ready before the close").isNull();
    }

    @Test
    void tokenOfAnotherUserOnAReadySessionClosesWith4001() {
        WsTestClient client = connectReady();
        client.send("{\"type\":\"auth\",\"token\":\"" + tokens.accessToken(UUID.randomUUID(), "mallory") + "\"}");
        assertThat(client.awaitClose()).isEqualTo(4001);
    }

    @Test
    void sessionIsClosedWith4001WhenItsTokenExpires() {
        UUID user = UUID.randomUUID();
        WsTestClient client = track(WsTestClient.connect(wsUri(), tokens.accessTokenValidFor(user, "dave", Duration.ofSeconds(2))));
        client.next("ready");
        assertThat(client.awaitClose()).isEqualTo(4001);
    }

    @Test
    void theEleventhConnectionOfAUserGetsNoReadyAndIsClosedWith4008() {
        UUID user = UUID.randomUUID();
        List<WsTestClient> ten = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ten.add(connectReady(user));
        }
        WsTestClient eleventh = track(WsTestClient.connect(wsUri(), tokens.accessToken(user, "greedy")));
        assertThat(eleventh.awaitClose()).isEqualTo(4008);
        assertThat(eleventh.poll(Duration.ZERO)).as("no ready before the close").isNull();

        String token = tokens.accessToken(user, "greedy");
        WsTestClient byAuthFrame = connectAnonymously();
        byAuthFrame.send("{\"type\":\"auth\",\"token\":\"" + token + "\"}");
        assertThat(byAuthFrame.awaitClose()).isEqualTo(4008);

        ten.getFirst().close();
        awaitTrue("a place freed", Duration.ofSeconds(5),
                () -> redis.opsForZSet().zCard(PresenceKeys.connections(user)) == 9);
        connectReady(user);
    }

    /** A token of the user, from the right issuer and key, whose signature is another token's: a bad signature. */
    private static String withAnotherTokensSignature(UUID user) {
        String[] token = tokens.accessToken(user, "user").split("\\.");
        String otherSignature = tokens.accessToken(user, "user").split("\\.")[2];
        return token[0] + "." + token[1] + "." + otherSignature;
    }

    /** The head of the answer to an upgrade request with {@code token}, read from a plain socket. */
    private String upgradeHead(String token) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", wsPort)) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(("GET /ws HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Authorization: Bearer " + token + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return RawHttp.readHead(socket.getInputStream());
        }
    }
}
