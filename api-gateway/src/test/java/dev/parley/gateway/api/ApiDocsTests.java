package dev.parley.gateway.api;

import static dev.parley.testing.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.parley.platform.web.EveryResponse;
import dev.parley.testing.TestTokens;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API reference at the public entry: one OpenAPI document merged from the services' own, the
 * AsyncAPI document and Swagger UI — public, read-only, and never in the way of an API route. The
 * services are stand-ins serving the documents auth-, room- and message-service served on 2026-11-27
 * (springdoc 3.0.3; src/test/resources/api-docs): a service's own tests check its document.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiDocsTests {

    private static final Map<String, Backend> BACKENDS = Map.of("auth", new Backend("auth-service"),
            "rooms", new Backend("room-service"), "messages", new Backend("message-service"));
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("AUTH_SERVICE_URL", () -> BACKENDS.get("auth").url());
        registry.add("ROOM_SERVICE_URL", () -> BACKENDS.get("rooms").url());
        registry.add("MESSAGE_SERVICE_URL", () -> BACKENDS.get("messages").url());
        registry.add("parley.api-docs.public-url", () -> "https://chat.example.com");
        // every request builds the document anew, so that a backend's state in one test is not another's
        registry.add("parley.api-docs.cache-for", () -> "0s");
        registry.add("parley.api-docs.retry-after", () -> "0s");
        // long enough for a stand-in on a loaded machine to answer, and well short of the slow one's 15 s
        registry.add("parley.api-docs.timeout", () -> "5s");
        EdgeTestEnvironment.register(registry);
    }

    @AfterEach
    void backendsAnswerAgain() {
        BACKENDS.values().forEach(backend -> backend.mode.set(Mode.DOCUMENT));
    }

    @AfterAll
    static void stopBackends() {
        BACKENDS.values().forEach(Backend::stop);
    }

    @Test
    void theMergedDocumentDescribesEveryEndpointOfTheContractWithoutAToken() throws Exception {
        HttpResponse<String> answer = get("/api-docs/openapi.json");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonNode document = JSON.readTree(answer.body());
        List<String> described = new ArrayList<>();
        document.path("paths").properties().forEach(path -> path.getValue().propertyNames()
                .forEach(method -> described.add(method.toUpperCase(Locale.ROOT) + " " + ContractEndpoints.shapeOf(path.getKey()))));
        assertThat(described).containsAll(ContractEndpoints.ALL.stream()
                .map(endpoint -> endpoint.method() + " " + endpoint.shape()).toList());
        assertThat(document.path("paths").path("/api/rooms/{roomId}/presence").path("get").path("responses").propertyNames())
                .contains("200", "401", "404");
        assertThat(document.has("x-parley-unavailable")).isFalse();
    }

    @Test
    void theMergedDocumentsOnlyServerIsThePublicOriginAndItKeepsEachServicesParts() throws Exception {
        JsonNode document = JSON.readTree(get("/api-docs/openapi.json").body());

        assertThat(document.path("servers").values()).singleElement()
                .satisfies(server -> assertThat(server.path("url").asString()).isEqualTo("https://chat.example.com"));
        assertThat(document.findValues("servers")).hasSize(1);
        assertThat(document.path("components").path("securitySchemes").propertyNames()).containsExactly("bearer");
        // room-service's Problem and the presence endpoint's are the same, so there is one
        assertThat(document.path("components").path("schemas").propertyNames())
                .contains("User", "RoomResponse", "MessageView", "OnlineMembers", "Problem")
                .noneMatch(name -> name.endsWith(".Problem"));
        assertThat(document.path("tags").values()).extracting(tag -> tag.path("name").asString())
                .contains("user-controller", "room-controller", "history-controller", "presence");
        // two services call an operation "delete": operation ids stay unique
        assertThat(document.path("paths").path("/api/rooms/{roomId}/messages/{seq}").path("delete").path("operationId")
                .asString()).isEqualTo("message-service.delete");
        // room-service's document-wide requirement is now its operations' own
        assertThat(document.path("paths").path("/api/rooms/{id}").path("get").path("security").toString()).contains("bearer");
        assertThat(document.path("paths").path("/api/auth/login").path("post").has("security")).isFalse();
        assertThat(document.path("info").path("description").asString()).contains("/api-docs/asyncapi.yaml");
    }

    @Test
    void aBackendThatIsDownLeavesTheRestAndANoteNeverAnError() throws Exception {
        BACKENDS.get("rooms").mode.set(Mode.FAIL);
        BACKENDS.get("messages").mode.set(Mode.SLOW);

        HttpResponse<String> answer = get("/api-docs/openapi.json");

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode document = JSON.readTree(answer.body());
        assertThat(document.path("paths").has("/api/auth/login")).isTrue();
        assertThat(document.path("paths").has("/api/rooms/{roomId}/presence")).isTrue();
        assertThat(document.path("paths").has("/api/rooms/{id}")).isFalse();
        assertThat(document.path("paths").has("/api/me/unread")).isFalse();
        assertThat(document.path("x-parley-unavailable").values()).extracting(note -> note.path("source").asString())
                .containsExactlyInAnyOrder("room-service", "message-service");
        assertThat(document.path("info").path("description").asString())
                .contains("**Not included now:** room-service (answered HTTP 500)")
                .contains("**Not included now:** message-service (no answer within the timeout)");
    }

    @Test
    void aBackendThatAnswersSomethingElseIsLeftOutToo() throws Exception {
        BACKENDS.get("auth").mode.set(Mode.GARBAGE);

        JsonNode document = JSON.readTree(get("/api-docs/openapi.json").body());

        assertThat(document.path("paths").has("/api/auth/login")).isFalse();
        assertThat(document.path("paths").has("/api/rooms/{id}")).isTrue();
        assertThat(document.path("x-parley-unavailable").toString()).contains("auth-service").contains("not JSON");
    }

    @Test
    void theAsyncApiDocumentIsServedAsYaml() throws Exception {
        HttpResponse<String> answer = get("/api-docs/asyncapi.yaml");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/yaml"));
        assertThat(answer.body()).startsWith("asyncapi: 3.0.0");
    }

    @Test
    void swaggerUiIsServedFromTheEdgeUnderItsContentSecurityPolicy() throws Exception {
        for (String entry : List.of("/api-docs/ui", "/api-docs/ui/", "/swagger-ui.html", "/api-docs")) {
            HttpResponse<String> redirect = get(entry);
            assertThat(redirect.statusCode()).as(entry).isEqualTo(307);
            assertThat(redirect.headers().firstValue("Location")).as(entry).hasValue("/api-docs/ui/index.html");
        }
        HttpResponse<String> page = get("/api-docs/ui/index.html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui-bundle.js").contains("/api-docs/ui/initializer.js").doesNotContain("<script>");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(EveryResponse.CONTENT_SECURITY_POLICY);
        assertThat(get("/api-docs/ui/initializer.js").body()).contains("/api-docs/openapi.json");
        for (String asset : List.of("/webjars/swagger-ui/swagger-ui-bundle.js", "/webjars/swagger-ui/swagger-ui.css")) {
            HttpResponse<String> answer = get(asset);
            assertThat(answer.statusCode()).as(asset).isEqualTo(200);
            assertThat(answer.body()).as(asset).isNotEmpty();
        }
    }

    @Test
    void theReferenceIsReadOnlyAndNeverReachesAService() throws Exception {
        int before = BACKENDS.values().stream().mapToInt(backend -> backend.other.get()).sum();
        for (String path : List.of("/api-docs/openapi.json", "/api-docs/asyncapi.yaml", "/api-docs/ui/index.html")) {
            HttpResponse<String> anonymous = send("POST", path, null);
            assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
            assertProblem(anonymous, 401, "unauthorized");
            HttpResponse<String> withToken = send("POST", path, TestTokens.shared().accessToken(UUID.randomUUID(), "poster"));
            assertThat(withToken.statusCode()).as(path).isIn(404, 405);
            assertProblem(withToken, withToken.statusCode(), withToken.statusCode() == 404 ? "not_found" : "method_not_allowed");
        }
        assertThat(BACKENDS.values().stream().mapToInt(backend -> backend.other.get()).sum()).isEqualTo(before);
    }

    @Test
    void theApiRoutesStillReachTheirServices() throws Exception {
        String token = TestTokens.shared().accessToken(UUID.randomUUID(), "reader");
        HttpResponse<String> rooms = send("GET", "/api/rooms/" + UUID.randomUUID(), token);
        assertThat(rooms.statusCode()).isEqualTo(200);
        assertThat(rooms.body()).isEqualTo("room-service");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send("GET", path, null);
    }

    private HttpResponse<String> send(String method, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    enum Mode { DOCUMENT, FAIL, SLOW, GARBAGE }

    /** A service: its OpenAPI document at /v3/api-docs (or a failure, per {@link Mode}); its name for anything else. */
    private static final class Backend {

        final AtomicReference<Mode> mode = new AtomicReference<>(Mode.DOCUMENT);
        final AtomicInteger other = new AtomicInteger();
        private final HttpServer server;

        Backend(String name) {
            byte[] document = document(name);
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/", exchange -> {
                byte[] body = name.getBytes();
                int status = 200;
                if (exchange.getRequestURI().getPath().equals("/v3/api-docs")) {
                    switch (mode.get()) {
                        case DOCUMENT -> body = document;
                        case FAIL -> status = 500;
                        case GARBAGE -> body = "<html>not a document</html>".getBytes();
                        case SLOW -> sleep(15_000);
                    }
                } else {
                    other.incrementAndGet();
                }
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        void stop() {
            server.stop(0);
        }

        private static byte[] document(String name) {
            try (InputStream in = ApiDocsTests.class.getResourceAsStream("/api-docs/" + name + ".json")) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        private static void sleep(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
