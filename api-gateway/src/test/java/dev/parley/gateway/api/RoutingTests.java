package dev.parley.gateway.api;

import static dev.parley.testing.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.parley.testing.TestTokens;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import org.springframework.web.server.session.DefaultWebSessionManager;
import org.springframework.web.server.session.WebSessionManager;

/**
 * Each route reaches the right service: every endpoint of contract §2 ({@link ContractEndpoints}). The services are stood in for by tiny HTTP servers that
 * answer with their own name and echo whether the bearer token was forwarded.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RoutingTests {

    private static final Map<String, HttpServer> BACKENDS = Map.of(
            "auth", backend("auth"), "rooms", backend("rooms"), "messages", backend("messages"),
            "presence", backend("presence"));
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int REUSE_ROUNDS = 200;

    /** How often the edge looked for a request's web session, which made one on another thread (ADR 0037). */
    private static final AtomicInteger SESSIONS = new AtomicInteger();

    @LocalServerPort
    int port;

    @TestConfiguration
    static class CountedSessions {

        @Bean(WebHttpHandlerBuilder.WEB_SESSION_MANAGER_BEAN_NAME)
        WebSessionManager countedSessions() {
            DefaultWebSessionManager sessions = new DefaultWebSessionManager();
            // every exchange asks for its session's Mono when it is made; a session is looked up or made only when subscribed
            return exchange -> sessions.getSession(exchange).doOnSubscribe(subscription -> SESSIONS.incrementAndGet());
        }
    }

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("AUTH_SERVICE_URL", () -> url("auth"));
        registry.add("ROOM_SERVICE_URL", () -> url("rooms"));
        registry.add("MESSAGE_SERVICE_URL", () -> url("messages"));
        registry.add("WS_GATEWAY_HTTP_URL", () -> url("presence"));
        EdgeTestEnvironment.register(registry);
        // a thousand requests on one connection may outrun the per-address allowance: not what is tested here
        registry.add("parley.edge.rate-limits.requests", () -> "100000/1s");
    }

    @AfterAll
    static void stopBackends() {
        BACKENDS.values().forEach(server -> server.stop(0));
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("dev.parley.gateway.api.ContractEndpoints#ALL")
    void routesEachContractEndpointToItsService(ContractEndpoints.Endpoint endpoint) throws Exception {
        String token = TestTokens.shared().accessToken(UUID.randomUUID(), "router");
        String path = endpoint.path().replace("{seq}", "7").replaceAll("\\{[^}]*}", UUID.randomUUID().toString());
        int sessions = SESSIONS.get();
        HttpResponse<String> response = send(endpoint.method(), path, token);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(endpoint.service() + " bearer=true");
        assertThat(SESSIONS.get()).as("web sessions asked for: the edge is stateless (ADR 0037)").isEqualTo(sessions);
    }

    @Test
    void theWebClientIsServedAtTheRootWithoutAToken() throws Exception {
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<title>Parley</title>").contains("<script type=\"module\" src=\"app.js\"></script>")
                .doesNotContain(" style=").doesNotContainPattern("<script>|\\son[a-z]+=");
    }

    /**
     * The page's modules and the client library (static/app.js, app/, lib/) are served without a token, as
     * JavaScript (module scripts need it, and nosniff holds the browser to it); none of them writes markup from
     * strings — every user string goes in as text.
     */
    @Test
    void everyModuleOfTheWebClientIsServedAsJavaScriptAndBuildsNoMarkupFromStrings() throws Exception {
        Path statics = Path.of("src/main/resources/static");
        List<Path> modules;
        try (Stream<Path> files = Files.walk(statics)) {
            modules = files.filter(file -> file.toString().endsWith(".js") && !file.startsWith(statics.resolve("api-docs"))).toList();
        }
        assertThat(modules).extracting(file -> statics.relativize(file).toString().replace('\\', '/'))
                .contains("app.js", "app/timeline.js", "lib/parley-client.js", "lib/socket.js", "lib/session.js", "lib/api.js");
        for (Path module : modules) {
            String path = "/" + statics.relativize(module).toString().replace('\\', '/');
            HttpResponse<String> script = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(script.statusCode()).as(path).isEqualTo(200);
            assertThat(script.headers().firstValue("Content-Type")).as(path).hasValueSatisfying(
                    type -> assertThat(type).containsAnyOf("text/javascript", "application/javascript"));
            assertThat(script.body()).as(path).isEqualTo(Files.readString(module))
                    .doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(");
        }
    }

    /**
     * The web client's session: its opt-in header and the refresh cookie reach auth-service, and the cookie
     * auth-service sets reaches the browser (contract §2; auth-service's CookieSessionTests for the rest).
     */
    @Test
    void aCookieSessionsHeaderAndCookiePassTheEdgeBothWays() throws Exception {
        HttpResponse<String> refreshed = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/auth/refresh"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json")
                .header("Parley-Session", "cookie").header("Cookie", "parley_refresh=abc").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refreshed.statusCode()).isEqualTo(200);
        assertThat(refreshed.body()).isEqualTo("auth bearer=false session=cookie cookie=parley_refresh=abc");
        assertThat(refreshed.headers().allValues("Set-Cookie"))
                .containsExactly("parley_refresh=next; Path=/api/auth; Max-Age=60; HttpOnly; SameSite=Strict");
    }

    @Test
    void publicAuthEndpointsNeedNoToken() throws Exception {
        assertThat(send("POST", "/api/auth/register", null).body()).isEqualTo("auth bearer=false");
        assertThat(send("GET", "/.well-known/openid-configuration", null).body()).isEqualTo("auth bearer=false");
    }

    @Test
    void protectedPathsRefuseMissingOrHostileTokensAtTheEdge() throws Exception {
        UUID someone = UUID.randomUUID();
        TestTokens tokens = TestTokens.shared();
        for (String token : new String[] {null, "garbage", tokens.unsigned(someone), tokens.tampered(someone),
                tokens.unknownKey(someone), tokens.expired(someone), tokens.wrongAudience(someone),
                tokens.wrongIssuer(someone), tokens.hmacWithPublicKey(someone)}) {
            HttpResponse<String> response = send("GET", "/api/rooms", token);
            assertThat(response.statusCode()).as("token %s", token).isEqualTo(401);
            assertProblem(response, 401, "unauthorized");
        }
    }

    @Test
    void logoutNeedsAnAccessTokenAtTheEdge() throws Exception {
        HttpResponse<String> anonymous = send("POST", "/api/auth/logout", null);
        assertProblem(anonymous, 401, "unauthorized");
        String token = TestTokens.shared().accessToken(UUID.randomUUID(), "leaver");
        assertThat(send("POST", "/api/auth/logout", token).body()).isEqualTo("auth bearer=true");
    }

    /** Contract §7 "CORS: only configured origins": by default there are none. */
    @Test
    void withoutConfiguredOriginsNoOtherOriginGetsCrossOriginAccess() throws Exception {
        HttpResponse<String> preflight = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/rooms"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://app.example.com")
                .header("Access-Control-Request-Method", "POST").build(), HttpResponse.BodyHandlers.ofString());
        assertProblem(preflight, 403, "origin_not_allowed");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    /** The edge's firewall refuses an encoded ';' (and '/', '%', '\\'): the refusal is a problem too. */
    @Test
    void aUrlTheFirewallRefusesIsAValidationProblemAtTheEdge() throws Exception {
        String token = TestTokens.shared().accessToken(UUID.randomUUID(), "prober");
        for (String path : new String[] {"/api/users/1%3B%20DROP%20TABLE%20users", "/api/users/1%2F2"}) {
            HttpResponse<String> response = send("GET", path, token);
            assertThat(assertProblem(response, 400, "validation_failed").path("errors").findValuesAsString("field"))
                    .as(path).contains("path");
        }
    }

    /** RFC 9110: a method no path takes (TRACE, a made-up one) is a 405 with Allow, not a refused URL. */
    @Test
    void aMethodTheEdgeDoesNotTakeIsAMethodNotAllowedProblemWithAllow() throws Exception {
        String token = TestTokens.shared().accessToken(UUID.randomUUID(), "prober");
        for (String method : new String[] {"TRACE", "FOO"}) {
            HttpResponse<String> response = send(method, "/api/rooms", token);
            assertThat(response.statusCode()).as(method).isEqualTo(405);
            assertProblem(response, 405, "method_not_allowed");
            assertThat(response.headers().firstValue("Allow")).as(method).hasValueSatisfying(allow ->
                    assertThat(allow).contains("GET").contains("POST").doesNotContain("TRACE").doesNotContain("FOO"));
        }
    }

    /** A method a file of the web client does not take is a 405 with Allow too. */
    @Test
    void aMethodAFileOfTheWebClientDoesNotTakeIsAMethodNotAllowedProblemWithAllow() throws Exception {
        HttpResponse<String> response = send("POST", "/app.js", TestTokens.shared().accessToken(UUID.randomUUID(), "poster"));

        assertProblem(response, 405, "method_not_allowed");
        assertThat(response.headers().firstValue("Allow")).hasValueSatisfying(allow -> assertThat(allow).contains("GET"));
    }

    /**
     * Clients keep their connection to the edge open between requests. Reactor Netty 1.3.6 could stop
     * reading such a connection when the next request arrived before the previous exchange had
     * finished: that request, and every later one on the connection, waited forever.
     */
    @Test
    void aClientReusingItsConnectionGetsAnAnswerToEveryRequest() throws Exception {
        HttpClient keepAlive = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        TestTokens tokens = TestTokens.shared();
        UUID someone = UUID.randomUUID();
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put(tokens.accessToken(someone, "keeper"), 200);
        expected.put("garbage", 401);
        expected.put(tokens.expired(someone), 401);
        expected.put(tokens.wrongAudience(someone), 401);
        expected.put(tokens.unsigned(someone), 401);
        for (int round = 0; round < REUSE_ROUNDS; round++) {
            for (Map.Entry<String, Integer> token : expected.entrySet()) {
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/rooms"))
                        .header("Authorization", "Bearer " + token.getKey())
                        .timeout(Duration.ofSeconds(10))
                        .build();
                HttpResponse<String> response = keepAlive.send(request, HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as("round %d", round).isEqualTo(token.getValue());
                if (token.getValue() == 401) {
                    assertProblem(response, 401, "unauthorized");
                }
            }
        }
    }

    /**
     * A service's own error — a body that is not JSON (service-starter's JsonRequestsTests), a method the path
     * does not take, a path inside a routed prefix that the service does not serve (ApiExceptionHandlerTests)
     * — reaches the client as the service sent it: status, problem+json, code, and the Allow of a 405. The
     * stand-ins answer as the services do; what is tested is that the edge passes it on unchanged.
     */
    @ParameterizedTest(name = "{0}")
    @FieldSource("SERVICE_PROBLEMS")
    void aServicesOwnProblemReachesTheClientUnchanged(ServiceProblem problem) throws Exception {
        String token = TestTokens.shared().accessToken(UUID.randomUUID(), "prober");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + problem.path()))
                .method(problem.method(), HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", problem.contentType()).header("Authorization", "Bearer " + token);

        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());

        assertProblem(response, problem.status(), problem.code());
        assertThat(response.body()).isEqualTo(problem.body());
        assertThat(response.headers().firstValue("Allow")).isEqualTo(problem.allow());
    }

    /** What a service answers, as its ApiExceptionHandler and JsonRequests do, for a request it refuses. */
    record ServiceProblem(String method, String path, String contentType, int status, String code, Optional<String> allow) {

        String body() {
            return "{\"type\":\"about:blank\",\"title\":\"t\",\"status\":" + status + ",\"detail\":\"d\",\"instance\":\""
                    + path + "\",\"code\":\"" + code + "\"}";
        }

        static ServiceProblem answering(String method, String path, String contentType) {
            return SERVICE_PROBLEMS.stream().filter(problem -> problem.method().equals(method)
                    && problem.path().equals(path) && problem.contentType().equals(contentType)).findFirst().orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + code + " for " + method + " " + path;
        }
    }

    static final List<ServiceProblem> SERVICE_PROBLEMS = List.of(
            new ServiceProblem("POST", "/api/rooms", "text/plain", 415, "unsupported_media_type", Optional.empty()),
            new ServiceProblem("POST", "/api/rooms/" + UUID.randomUUID() + "/messages", "text/plain", 415,
                    "unsupported_media_type", Optional.empty()),
            new ServiceProblem("PUT", "/api/rooms", "application/json", 405, "method_not_allowed", Optional.of("GET,POST")),
            new ServiceProblem("GET", "/api/rooms/x/nope", "application/json", 404, "not_found", Optional.empty()),
            new ServiceProblem("GET", "/api/users/me/nope", "application/json", 404, "not_found", Optional.empty()));

    private HttpResponse<String> send(String method, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String url(String name) {
        return "http://127.0.0.1:" + BACKENDS.get(name).getAddress().getPort();
    }

    private static HttpServer backend(String name) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                ServiceProblem problem = ServiceProblem.answering(exchange.getRequestMethod(),
                        exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("Content-Type"));
                if (problem != null) {
                    problem.allow().ifPresent(allow -> exchange.getResponseHeaders().add("Allow", allow));
                    exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
                    byte[] body = problem.body().getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(problem.status(), body.length);
                    exchange.getResponseBody().write(body);
                    exchange.close();
                    return;
                }
                boolean bearer = exchange.getRequestHeaders().getFirst("Authorization") != null;
                String answer = name + " bearer=" + bearer;
                String session = exchange.getRequestHeaders().getFirst("Parley-Session");
                if (session != null) {
                    // as auth-service answers a cookie session: the next refresh token in a cookie
                    answer += " session=" + session + " cookie=" + exchange.getRequestHeaders().getFirst("Cookie");
                    exchange.getResponseHeaders().add("Set-Cookie", "parley_refresh=next; Path=/api/auth; Max-Age=60; HttpOnly; SameSite=Strict");
                }
                byte[] body = answer.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
