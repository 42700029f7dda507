package dev.parley.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ProblemAssert;
import dev.parley.testing.ServiceTestEnvironment;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One application context shared by the auth-service integration tests, and an HTTP client for them.
 * A new signing key is published 3 s before it signs (2 min by default), expired refresh tokens are purged
 * every second (hourly by default), and the operator token for the key endpoint is generated per test run,
 * never committed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"parley.auth.login-throttle.max-failures-per-address=30", "parley.auth.keys.publish-ahead=3s",
                "parley.auth.refresh-token-purge.every=1s",
                // inlined, so that a test class's own dynamic property can still unset it
                "parley.auth.keys.admin-token=${parley.test.operator-token}"})
abstract class AuthIntegrationTest {

    static final String OPERATOR_TOKEN = randomToken();

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final java.util.concurrent.atomic.AtomicInteger ADDRESSES =
            new java.util.concurrent.atomic.AtomicInteger((int) (System.nanoTime() % 10_000));

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceTestEnvironment.register(registry, "auth");
        registry.add("parley.test.operator-token", () -> OPERATOR_TOKEN);
    }

    static String randomToken() {
        byte[] random = new byte[32];
        new java.security.SecureRandom().nextBytes(random);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    record Answer(int status, JsonNode body, HttpResponse<String> raw) {
    }

    /** The answer is a whole problem document (contract §2) of this status and code; the document. */
    static JsonNode assertProblem(Answer answer, int status, String code) {
        return ProblemAssert.assertProblem(answer.raw(), status, code);
    }

    static void assertField(Answer answer, String field) {
        assertProblem(answer, 400, "validation_failed");
        assertThat(answer.body().path("errors").findValuesAsString("field")).contains(field);
    }

    static String unique(String name) {
        return name + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    }

    Answer register(String username, String password) {
        return post("/api/auth/register", "{\"username\":\"%s\",\"password\":\"%s\"}".formatted(username, password), null);
    }

    Answer login(String username, String password) {
        return post("/api/auth/login", "{\"username\":\"%s\",\"password\":\"%s\"}".formatted(username, password), null);
    }

    /** A login as if forwarded by the api-gateway for a client at {@code address}. */
    Answer loginFrom(String username, String password, String address) {
        return send("POST", "/api/auth/login", "{\"username\":\"%s\",\"password\":\"%s\"}".formatted(username, password),
                null, address);
    }

    /** A documentation-range address no other test uses (the counters live in a shared Redis). */
    static String randomAddress() {
        int n = ADDRESSES.incrementAndGet();
        return "198.51." + (n / 250) + "." + (1 + n % 250);
    }

    Answer refresh(String refreshToken) {
        return post("/api/auth/refresh", "{\"refreshToken\":\"%s\"}".formatted(refreshToken), null);
    }

    Answer get(String path, String token) {
        return send("GET", path, null, token);
    }

    Answer post(String path, String body, String token) {
        return send("POST", path, body, token);
    }

    Answer send(String method, String path, String body, String token) {
        return send(method, path, body, token, null);
    }

    Answer send(String method, String path, String body, String token, String forwardedFor) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
            return new Answer(response.statusCode(), json, response);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
