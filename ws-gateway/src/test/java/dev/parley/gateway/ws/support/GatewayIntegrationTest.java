package dev.parley.gateway.ws.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ServiceTestEnvironment;
import dev.parley.testing.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The gateway on a random port against the real Kafka and Redis, real tokens, a stand-in for
 * message-service's history over HTTP, and real WebSocket clients. All subclasses share one context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class GatewayIntegrationTest {

    protected static final TestTokens tokens = TestTokens.shared();
    protected static final MessageServiceStandIn messageService = MessageServiceStandIn.shared();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    protected int port;

    private final List<WsTestClient> clients = new ArrayList<>();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceTestEnvironment.register(registry, null);
        registry.add("parley.ws.message-service-url", messageService::url);
        registry.add("parley.ws.session.auth-timeout", () -> "2s");
    }

    /** Sessions opened before the fan-out holds its partitions could miss their first pushes. */
    @BeforeEach
    void awaitReadiness() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (get("/actuator/health/readiness").statusCode() != 200) {
            assertThat(System.nanoTime()).as("gateway ready in time").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    @AfterEach
    void closeClients() {
        clients.forEach(WsTestClient::close);
    }

    protected URI wsUri() {
        return URI.create("ws://127.0.0.1:" + port + "/ws");
    }

    protected HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A client connected without a header token: it still has to send {@code auth}. */
    protected WsTestClient connectAnonymously() {
        return track(WsTestClient.connect(wsUri(), null));
    }

    /** A client of a new user, authenticated by header token, past its {@code ready}. */
    protected WsTestClient connectReady(UUID userId) {
        WsTestClient client = track(WsTestClient.connect(wsUri(), tokens.accessToken(userId, "user")));
        JsonNode ready = client.next("ready");
        assertThat(ready.path("userId").asString()).isEqualTo(userId.toString());
        return client;
    }

    protected WsTestClient connectReady() {
        return connectReady(UUID.randomUUID());
    }

    private WsTestClient track(WsTestClient client) {
        clients.add(client);
        return client;
    }
}
