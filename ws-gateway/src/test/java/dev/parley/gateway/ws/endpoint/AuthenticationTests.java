package dev.parley.gateway.ws.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.gateway.ws.presence.PresenceKeys;
import dev.parley.gateway.ws.support.GatewayIntegrationTest;
import dev.parley.gateway.ws.support.WsTestClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
        assertThat(ready.path("heartbeatMs").asLong()).isEqualTo(2000); // the test setting; 25000 by default
        assertThat(ready.has("id")).isFalse();
    }

    @Test
    void authFrameMakesTheSessionReadyAndEchoesItsId() {
        UUID user = UUID.randomUUID();
        WsTestClient client = connectAnonymously();
        client.send("{\"type\":\"auth\",\"token\":\"" + tokens.accessToken(user, "bob") + "\",\"id\":\"a1\"}");
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
    void theUpgradeTokenIsLeftToTheHandshakeNotVerifiedTwice() throws Exception {
        HttpResponse<String> refused = get("/ws", tokens.expired(UUID.randomUUID()));
        assertThat(refused.statusCode()).isEqualTo(401);
        // the filter chain answers "Bearer" and a problem document
        assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
        assertThat(refused.body()).isEmpty();
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
        WsTestClient client = connectAnonymously();
        client.send("{\"type\":\"auth\",\"token\":\"" + tokens.accessTokenValidFor(user, "carol", Duration.ofSeconds(3)) + "\"}");
        String sessionId = client.next("ready").path("sessionId").asString();
        client.send("{\"type\":\"auth\",\"token\":\"" + tokens.accessToken(user, "carol") + "\",\"id\":2}");
        JsonNode again = client.next("ready");
        assertThat(again.path("sessionId").asString()).isEqualTo(sessionId);
        assertThat(again.path("id").asInt()).isEqualTo(2);
        client.expectSilence(Duration.ofMillis(4000)); // the first token has expired meanwhile
        assertThat(client.isOpen()).isTrue();
        client.send("{\"type\":\"ping\"}").next("pong");
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

        WsTestClient byAuthFrame = connectAnonymously();
        byAuthFrame.send("{\"type\":\"auth\",\"token\":\"" + tokens.accessToken(user, "greedy") + "\"}");
        assertThat(byAuthFrame.awaitClose()).isEqualTo(4008);

        ten.getFirst().close();
        awaitTrue("a place freed", Duration.ofSeconds(5),
                () -> redis.opsForZSet().zCard(PresenceKeys.connections(user)) == 9);
        connectReady(user);
    }
}
