package dev.parley.gateway.api;

import static dev.parley.testing.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Flux;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The edge's cap on relayed WebSocket connections: beyond it an upgrade is 503 {@code service_unavailable}
 * with {@code Retry-After}, the API still answers, and a connection that ends frees its place.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "parley.edge.websocket.max-connections=1")
class WebSocketCapacityTests {

    /** A stand-in for ws-gateway that keeps every connection open until the client closes it. */
    private static final DisposableServer BACKEND = HttpServer.create().host("127.0.0.1").port(0)
            .handle((request, response) -> response.sendWebsocket((in, out) -> out.sendString(Flux.never())
                    .then().and(in.receive().then()))).bindNow();

    private static final String TOKEN = TestTokens.shared().accessToken(UUID.randomUUID(), "capacity");

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
    void anUpgradeBeyondTheCapIsUnavailableAndAClosedConnectionFreesItsPlace() throws Exception {
        WebSocket first = connect().join();

        Refusal refused = upgradeAnswer();
        assertProblem(refused.status(), refused.contentType(), refused.body(), 503, "service_unavailable");
        assertThat(refused.retryAfter()).isEqualTo("1");
        assertThat(new EdgeClient(port, "127.0.0.1").send("GET", "/", null).statusCode()).as("the web client, served by the edge").isEqualTo(200);

        first.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        WebSocket second = null;
        while (second == null) {
            try {
                second = connect().join();
            } catch (CompletionException refusedAgain) {
                assertThat(System.nanoTime()).as("the closed connection's place is free again").isLessThan(deadline);
                Thread.sleep(100);
            }
        }
        second.abort();
    }

    private CompletableFuture<WebSocket> connect() {
        return HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + TOKEN)
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), new WebSocket.Listener() { });
    }

    /** What the edge answered an upgrade it did not take. */
    private record Refusal(int status, String retryAfter, String contentType, String body) {
    }

    private Refusal upgradeAnswer() {
        return reactor.netty.http.client.HttpClient.create()
                .headers(headers -> headers.set("Upgrade", "websocket").set("Connection", "Upgrade")
                        .set("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==").set("Sec-WebSocket-Version", "13")
                        .set("Authorization", "Bearer " + TOKEN))
                .get().uri("http://127.0.0.1:" + port + "/ws")
                .responseSingle((response, body) -> body.asString().map(text -> new Refusal(response.status().code(),
                        response.responseHeaders().get("Retry-After"), response.responseHeaders().get("Content-Type"),
                        text)))
                .block(Duration.ofSeconds(10));
    }
}
