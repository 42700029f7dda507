package dev.parley.gateway.api;

import static dev.parley.testing.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.WebsocketServerSpec;

/**
 * The edge's {@code /ws} relay: frames and the upgrade's token go both ways, a close the chat service
 * sends reaches the client with its own code (1012 restarting, 4009 slow consumer — not the 1002
 * "protocol error" Spring Cloud Gateway's relay makes of them), and a chat service that dies without
 * a close frame is 1011 to the client, which then reconnects and resumes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebSocketRelayTests {

    /** ws-gateway's refusal of an upgrade, as its UpgradeChecks writes it. */
    private static final String REFUSAL = """
            {"type":"about:blank","title":"Too Many Requests","status":429,"detail":"Too many connections are still \
            to authenticate.","code":"rate_limited"}""";

    /** A stand-in for ws-gateway: echoes with the token and client address it got (or a big frame's length), closes or dies when told to, refuses on {@code ?refuse}. */
    private static final DisposableServer BACKEND = HttpServer.create().host("127.0.0.1").port(0)
            .handle((request, response) -> request.uri().endsWith("?refuse")
                    ? response.status(429).header("Content-Type", "application/problem+json")
                            .sendString(Mono.just(REFUSAL))
                    : response.sendWebsocket((in, out) -> in.aggregateFrames(1 << 20).receive().asString().concatMap(text -> {
                        if (text.startsWith("close:")) {
                            return out.sendClose(Integer.parseInt(text.substring(6)), "told to");
                        }
                        if (text.startsWith("big")) {
                            return out.sendString(Mono.just("received " + text.length())).then();
                        }
                        if (text.equals("die")) {
                            in.withConnection(connection -> connection.channel().close());
                            return Mono.empty();
                        }
                        return out.sendString(Mono.just(text + " " + request.requestHeaders().get("Authorization")
                                + " from " + request.requestHeaders().get("X-Forwarded-For"))).then();
                    }), WebsocketServerSpec.builder().maxFramePayloadLength(1 << 20).build())).bindNow();

    private static final String TOKEN = TestTokens.shared().accessToken(UUID.randomUUID(), "relay");

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        registry.add("WS_GATEWAY_URL", () -> "ws://127.0.0.1:" + BACKEND.port());
        EdgeTestEnvironment.register(registry);
    }

    @AfterAll
    static void stopBackend() {
        BACKEND.disposeNow();
    }

    @Test
    void framesAndTheUpgradeTokenReachTheChatServiceAndItsAnswersComeBack() throws Exception {
        Client client = connect();
        client.socket.sendText("hello", true).join();
        assertThat(client.frames.poll(5, TimeUnit.SECONDS)).isEqualTo("hello Bearer " + TOKEN + " from 127.0.0.1");
        String large = "y".repeat(60_000);
        client.socket.sendText(large, true).join();
        String echoed = client.frames.poll(5, TimeUnit.SECONDS);
        assertThat(echoed).hasSize(large.length() + " Bearer ".length() + TOKEN.length() + " from 127.0.0.1".length())
                .startsWith(large).endsWith(" from 127.0.0.1");
    }

    /** ws-gateway's own refusal of an upgrade (its cap on connections still to authenticate) reaches the client as it answered. */
    @Test
    void anUpgradeTheChatServiceRefusesIsItsAnswerToTheClient() {
        var answer = reactor.netty.http.client.HttpClient.create()
                .headers(headers -> headers.set("Upgrade", "websocket").set("Connection", "Upgrade")
                        .set("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==").set("Sec-WebSocket-Version", "13"))
                .get().uri("http://127.0.0.1:" + port + "/ws?refuse")
                .responseSingle((response, body) -> body.asString().map(text -> new Refusal(response.status().code(),
                        response.responseHeaders().get("Content-Type"), text)))
                .block(java.time.Duration.ofSeconds(10));
        assertProblem(answer.status(), answer.contentType(), answer.body(), 429, "rate_limited");
        assertThat(answer.body()).isEqualTo(REFUSAL);
    }

    private record Refusal(int status, String contentType, String body) {
    }

    @Test
    void aRestartingChatServicesCloseReachesTheClientAs1012() throws Exception {
        assertThat(closeCodeAfter("close:1012")).isEqualTo(1012);
    }

    @Test
    void theChatServicesOwnCloseCodesReachTheClientAsSent() throws Exception {
        assertThat(closeCodeAfter("close:4009")).isEqualTo(4009);
        assertThat(closeCodeAfter("close:4008")).isEqualTo(4008);
    }

    @Test
    void aChatServiceThatDiesWithoutAClosingFrameIs1011ToTheClient() throws Exception {
        assertThat(closeCodeAfter("die")).isEqualTo(1011);
    }

    /**
     * Frame rules are the chat service's (ws-gateway closes beyond 64 KiB with 1009, its own tests): the edge
     * holds no frame and has no limit of its own, so a frame far beyond its old 128 KiB reaches the service whole.
     */
    @Test
    void theEdgeRelaysAFrameOfAnySizeWhole() {
        String big = "big" + "x".repeat(300_000);
        String echoed = reactor.netty.http.client.HttpClient.create()
                .headers(headers -> headers.set("Authorization", "Bearer " + TOKEN))
                .websocket(reactor.netty.http.client.WebsocketClientSpec.builder().maxFramePayloadLength(1 << 20).build())
                .uri("ws://127.0.0.1:" + port + "/ws")
                .handle((in, out) -> out.sendString(Mono.just(big)).then()
                        .thenMany(in.receive().asString()))
                .next()
                .block(java.time.Duration.ofSeconds(10));
        assertThat(echoed).isEqualTo("received " + big.length());
    }

    private int closeCodeAfter(String instruction) throws Exception {
        Client client = connect();
        client.socket.sendText(instruction, true).join();
        return client.closed.get(10, TimeUnit.SECONDS);
    }

    private Client connect() {
        Client client = new Client();
        client.socket = HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + TOKEN)
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), client).join();
        return client;
    }

    private static final class Client implements WebSocket.Listener {

        final LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
        private final StringBuilder message = new StringBuilder();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        WebSocket socket;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            message.append(data);
            if (last) {
                frames.add(message.toString());
                message.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }
    }
}
