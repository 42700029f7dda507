package dev.parley.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.parley.testing.ProblemAssert;
import dev.parley.testing.TestTokens;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What a client gets when the edge itself cannot serve a request: problem details with a code, the
 * right status, and an answer within the configured limits rather than a wait without end.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EdgeErrorTests {

    private static final int CLOSED_PORT = closedPort();
    private static final CountDownLatch RELEASE = new CountDownLatch(1);
    private static final HttpServer SILENT = silentServer();
    private static final ServerSocket HANGING_UP = hangingUpServer(false);
    private static final ServerSocket RESETTING = hangingUpServer(true);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        registry.add("ROOM_SERVICE_URL", () -> "http://127.0.0.1:" + CLOSED_PORT);
        registry.add("MESSAGE_SERVICE_URL", () -> "http://127.0.0.1:" + SILENT.getAddress().getPort());
        registry.add("AUTH_SERVICE_URL", () -> "http://127.0.0.1:" + HANGING_UP.getLocalPort());
        registry.add("WS_GATEWAY_HTTP_URL", () -> "http://127.0.0.1:" + RESETTING.getLocalPort());
        registry.add("PARLEY_GATEWAY_RESPONSE_TIMEOUT", () -> "1s");
        EdgeTestEnvironment.register(registry);
    }

    @AfterAll
    static void stopSilentServer() {
        RELEASE.countDown();
        SILENT.stop(0);
        try {
            HANGING_UP.close();
            RESETTING.close();
        } catch (IOException e) {
            // the class is done with it either way
        }
    }

    @Test
    void aServiceThatCannotBeReachedIsAnswered503WithARetryHint() throws Exception {
        HttpResponse<String> response = get("/api/rooms");
        ProblemAssert.assertProblem(response, 503, "service_unavailable");
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
    }

    @Test
    void aServiceThatDoesNotAnswerInTimeIsAnswered504() throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> response = get("/api/rooms/" + UUID.randomUUID() + "/messages");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        ProblemAssert.assertProblem(response, 504, "gateway_timeout");
    }

    /** An upload's answer is awaited from its last byte on (it may take minutes to send), but not for ever. */
    @Test
    void anUploadWhoseServiceDoesNotAnswerIsAnswered504OnceItIsSent() throws Exception {
        String token = TestTokens.shared().accessToken(UUID.randomUUID(), "uploader");
        long started = System.nanoTime();
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/files"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "multipart/form-data; boundary=b")
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(4096))).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        ProblemAssert.assertProblem(response, 504, "gateway_timeout");
    }

    /** As when a service is killed mid-request: not the edge's fault, and the request's fate is unknown. */
    @ParameterizedTest
    @ValueSource(strings = {"/api/users/me", "/api/rooms/00000000-0000-0000-0000-000000000001/presence"})
    void aServiceThatEndsOrResetsTheConnectionWithoutAnAnswerIsAnswered502(String path) throws Exception {
        HttpResponse<String> response = get(path);
        ProblemAssert.assertProblem(response, 502, "bad_gateway");
        assertThat(response.headers().firstValue("Retry-After")).isEmpty();
    }

    @Test
    void aPathNothingServesIsAProblemToo() throws Exception {
        HttpResponse<String> response = get("/api/nothing-here");
        assertThat(ProblemAssert.assertProblem(response, 404, "not_found").path("instance").asString())
                .isEqualTo("/api/nothing-here");
    }

    private HttpResponse<String> get(String path) throws Exception {
        String token = TestTokens.shared().accessToken(UUID.randomUUID(), "edge");
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads the start of each request and closes the connection without a word: a FIN, or with {@code reset} an RST. */
    private static ServerSocket hangingUpServer(boolean reset) {
        try {
            ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try (Socket connection = server.accept()) {
                        if (reset) {
                            connection.setSoLinger(true, 0);
                        }
                        connection.getInputStream().read(new byte[1024]);
                    } catch (IOException e) {
                        // closed at the end of the class, or the edge went first
                    }
                }
            });
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Accepts requests and never answers them (until the class is done). */
    private static HttpServer silentServer() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/", exchange -> {
                try {
                    RELEASE.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
