package dev.parley.gateway.ws.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.gateway.ws.endpoint.WebSocketServer;
import dev.parley.testing.CapturedSpans;
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
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The gateway on a random port against the real Kafka and Redis, real tokens, stand-ins for
 * room-service and message-service over HTTP, and real WebSocket clients. All subclasses share one
 * context (and so one gateway instance). Every trace is sampled, and its spans are kept in {@link CapturedSpans}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(CapturedSpans.Registration.class)
public abstract class GatewayIntegrationTest {

    protected static final TestTokens tokens = TestTokens.shared();
    protected static final MessageServiceStandIn messageService = MessageServiceStandIn.shared();
    protected static final RoomServiceStandIn roomService = RoomServiceStandIn.shared();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Where this gateway takes connections over from an edge (ADR 0023); short, as a socket path must be. */
    protected static final java.nio.file.Path HANDOFF_SOCKET = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"),
            "parley-gw-" + java.util.UUID.randomUUID().toString().substring(0, 8), "gw.sock");

    @LocalServerPort
    protected int port;

    @Value("${" + WebSocketServer.LOCAL_PORT_PROPERTY + "}")
    protected int wsPort;

    private final List<WsTestClient> clients = java.util.Collections.synchronizedList(new ArrayList<>());

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceTestEnvironment.register(registry, null);
        TestGatewayProperties.common().forEach((name, value) -> registry.add(name, () -> value));
        registry.add("parley.ws.server.handoff-socket", () -> HANDOFF_SOCKET.toString());
    }

    /** Sessions opened before the consumers hold their partitions could miss their first pushes. */
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
        synchronized (clients) {
            clients.forEach(WsTestClient::close);
        }
    }

    protected URI wsUri() {
        return URI.create("ws://127.0.0.1:" + wsPort + "/ws");
    }

    protected HttpResponse<String> get(String path) throws Exception {
        return get(path, null);
    }

    protected HttpResponse<String> get(String path, String bearerToken) throws Exception {
        return get(port, path, bearerToken);
    }

    /** A plain HTTP request to the WebSocket port, as a client whose upgrade went wrong would send it. */
    protected HttpResponse<String> getFromWebSocketPort(String path, String bearerToken) throws Exception {
        return get(wsPort, path, bearerToken);
    }

    private HttpResponse<String> get(int toPort, String path, String bearerToken) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + toPort + path));
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A public room with {@code messages} messages in its history and these members. */
    protected static UUID publicRoom(int messages, UUID... members) {
        return room("public", messages, members);
    }

    protected static UUID privateRoom(UUID... members) {
        return room("private", 0, members);
    }

    protected static UUID room(String visibility, int messages, UUID... members) {
        UUID roomId = messageService.roomWithMessages(messages);
        roomService.register(roomId, visibility, members);
        return roomId;
    }

    /** A client connected without a header token: it still has to send {@code auth}. */
    protected WsTestClient connectAnonymously() {
        return track(WsTestClient.connect(wsUri(), null));
    }

    /** A client of the user, authenticated by header token, past its {@code ready}. */
    protected WsTestClient connectReady(UUID userId) {
        return connectReady(wsUri(), userId);
    }

    protected WsTestClient connectReady(URI uri, UUID userId) {
        WsTestClient client = track(WsTestClient.connect(uri, tokens.accessToken(userId, "user")));
        JsonNode ready = client.next("ready");
        assertThat(ready.path("userId").asString()).isEqualTo(userId.toString());
        return client;
    }

    protected WsTestClient connectReady() {
        return connectReady(UUID.randomUUID());
    }

    protected WsTestClient track(WsTestClient client) {
        clients.add(client);
        return client;
    }

    protected static String subscribe(UUID room) {
        return "{\"type\":\"subscribe\",\"roomId\":\"" + room + "\"}";
    }

    protected static String subscribe(UUID room, long sinceSeq) {
        return "{\"type\":\"subscribe\",\"roomId\":\"" + room + "\",\"sinceSeq\":" + sinceSeq + "}";
    }

    protected static void awaitTrue(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what + " within " + timeout).isLessThan(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
