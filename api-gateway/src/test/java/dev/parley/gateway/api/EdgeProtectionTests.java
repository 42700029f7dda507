package dev.parley.gateway.api;

import static dev.parley.testing.ProblemAssert.assertProblem;
import static dev.parley.testing.ProblemAssert.assertRawProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.parley.platform.web.EveryResponse;
import dev.parley.testing.TestTokens;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.reactor.netty.autoconfigure.NettyServerProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Contract §7 at the edge: bounded request bodies and headers, the headers every response carries, and
 * cross-origin access for the configured origins only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EdgeProtectionTests {

    private static final int LIMIT = 64 * 1024;
    /** The test's file limit (25 MB by default) and message-service's allowance for the multipart envelope. */
    private static final int UPLOAD_LIMIT = 1024 * 1024 + 64 * 1024;
    private static final String FILE_POLICY = "sandbox; default-src 'none'";
    private static final AtomicInteger REACHED_THE_SERVICE = new AtomicInteger();
    private static final HttpServer SERVICE = service();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    NettyServerProperties netty;

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        EdgeTestEnvironment.register(registry);
        registry.add("ROOM_SERVICE_URL", () -> "http://127.0.0.1:" + SERVICE.getAddress().getPort());
        registry.add("MESSAGE_SERVICE_URL", () -> "http://127.0.0.1:" + SERVICE.getAddress().getPort());
        registry.add("parley.edge.max-upload", () -> "1MB");
        registry.add("PARLEY_ALLOWED_ORIGINS", () -> "https://app.example.com, https://other.example.com");
    }

    @AfterAll
    static void stopService() {
        SERVICE.stop(0);
    }

    @Test
    void aBodyOfTheLimitPassesAndOneByteMoreIsRefusedBeforeAnyServiceReadsIt() throws Exception {
        assertThat(post(HttpRequest.BodyPublishers.ofString(json(LIMIT))).body()).isEqualTo("read " + LIMIT);

        int reachedBefore = REACHED_THE_SERVICE.get();
        HttpResponse<String> refused = post(HttpRequest.BodyPublishers.ofString(json(LIMIT + 1)));
        assertProblem(refused, 413, "payload_too_large");
        assertThat(REACHED_THE_SERVICE.get()).isEqualTo(reachedBefore);
    }

    @Test
    void aChunkedBodyIsCutOffAtTheLimit() throws Exception {
        byte[] ninetyMegabytes = new byte[1024 * 1024];
        HttpRequest.BodyPublisher unsized = HttpRequest.BodyPublishers.fromPublisher(
                subscriber -> repeat(ninetyMegabytes, 90, subscriber)); // no length: sent chunked
        HttpResponse<String> refused = post(unsized);
        assertProblem(refused, 413, "payload_too_large");
    }

    @Test
    void anUploadStreamsThroughUpToTheFileLimitAndOneByteMoreIsAFileTooLargeProblem() throws Exception {
        String token = TestTokens.shared().accessToken(UUID.randomUUID(), "uploader");
        assertThat(upload(token, HttpRequest.BodyPublishers.ofByteArray(new byte[UPLOAD_LIMIT])).body())
                .isEqualTo("read " + UPLOAD_LIMIT);

        int reachedBefore = REACHED_THE_SERVICE.get();
        HttpResponse<String> refused = upload(token, HttpRequest.BodyPublishers.ofByteArray(new byte[UPLOAD_LIMIT + 1]));
        assertProblem(refused, 413, "file_too_large");
        assertThat(REACHED_THE_SERVICE.get()).isEqualTo(reachedBefore);

        byte[] megabyte = new byte[1024 * 1024];
        HttpResponse<String> unsized = upload(token, HttpRequest.BodyPublishers.fromPublisher(
                subscriber -> repeat(megabyte, 90, subscriber)));
        assertProblem(unsized, 413, "file_too_large");
    }

    @Test
    void onlyAnUploadMayBeLargerThanAJsonBody() throws Exception {
        String token = TestTokens.shared().accessToken(UUID.randomUUID(), "poster");
        for (String path : new String[] {"/api/files/" + UUID.randomUUID(), "/api/rooms"}) {
            HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "multipart/form-data; boundary=b")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[LIMIT + 1])).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).as(path).isEqualTo(413);
            assertProblem(refused, 413, "payload_too_large");
        }
    }

    @Test
    void aServicesOwnContentSecurityPolicyStaysBesideTheEdges() throws Exception {
        String token = TestTokens.shared().accessToken(UUID.randomUUID(), "downloader");
        HttpResponse<String> file = get("/api/files/" + UUID.randomUUID(), token);

        assertThat(file.headers().allValues("Content-Security-Policy"))
                .containsExactlyInAnyOrder(FILE_POLICY, EveryResponse.CONTENT_SECURITY_POLICY);
        assertThat(file.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
        assertThat(get("/api/rooms", token).headers().allValues("Content-Security-Policy"))
                .containsExactly(EveryResponse.CONTENT_SECURITY_POLICY);
    }

    @Test
    void everyResponseCarriesNosniffNoReferrerAndAPolicyWithoutInlineScript() throws Exception {
        String token = TestTokens.shared().accessToken(UUID.randomUUID(), "headers");
        for (HttpResponse<String> response : new HttpResponse[] {
                get("/", null), get("/app.js", null), get("/api/rooms", token), get("/api/rooms", null),
                get("/api/nothing-here", token), get("/api/users/1%3B2", token),
                post(HttpRequest.BodyPublishers.ofString(json(LIMIT + 1)))}) { // the edge's own 413
            assertThat(response.headers().firstValue("X-Content-Type-Options")).as("%s", response).hasValue("nosniff");
            assertThat(response.headers().firstValue("Referrer-Policy")).as("%s", response).hasValue("no-referrer");
            assertThat(response.headers().firstValue("Content-Security-Policy")).as("%s", response).hasValueSatisfying(
                    policy -> assertThat(policy).contains("script-src 'self'").doesNotContain("unsafe-inline")
                            // attachments' images are object URLs of bytes fetched with the token
                            .contains("img-src 'self' data: blob:"));
        }
    }

    /** {@link SlowClientTests} shows what it does, with a short value: an idle connection or an unfinished head is closed. */
    @Test
    void aConnectionWithoutARequestInProgressIsClosedAfter75Seconds() {
        assertThat(netty.getIdleTimeout()).isEqualTo(Duration.ofSeconds(75));
    }

    @Test
    void headersOfUpTo16KiBAreServed() {
        String answer = client().raw(getWithHeaders(15 * 1024));
        assertThat(EdgeClient.status(answer)).as(answer).isEqualTo(200);
    }

    @Test
    void largerHeadersAreAProblemDocument() {
        String answer = client().raw(getWithHeaders(17 * 1024));
        assertRawProblem(answer, 431, "request_headers_too_large");
        assertThat(answer).containsIgnoringCase("x-content-type-options: nosniff")
                .containsIgnoringCase("referrer-policy: no-referrer");
    }

    @Test
    void aRequestLineTooLongIsAProblemDocumentToo() {
        String answer = client().raw("GET /api/rooms?q=" + "x".repeat(5000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Connection: close\r\n\r\n");
        assertRawProblem(answer, 414, "uri_too_long");
        assertThat(answer).containsIgnoringCase("x-content-type-options: nosniff")
                .containsIgnoringCase("referrer-policy: no-referrer");
    }

    @Test
    void aPreflightFromAnAllowedOriginGetsTheCorsHeadersAtTheEdge() {
        int reachedBefore = REACHED_THE_SERVICE.get();
        HttpResponse<String> preflight = client().send("OPTIONS", "/api/rooms", null, "Origin", "https://app.example.com",
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization, content-type");
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example.com");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).hasValueSatisfying(
                methods -> assertThat(methods).contains("POST"));
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers")).hasValueSatisfying(
                headers -> assertThat(headers.toLowerCase()).contains("authorization").contains("content-type"));
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
        assertThat(REACHED_THE_SERVICE.get()).isEqualTo(reachedBefore);
    }

    @Test
    void aPreflightFromAnyOtherOriginIsRefused() {
        for (String origin : new String[] {"https://evil.example.com", "http://app.example.com", "null"}) {
            HttpResponse<String> preflight = client().send("OPTIONS", "/api/rooms", null, "Origin", origin,
                    "Access-Control-Request-Method", "DELETE");
            assertThat(preflight.statusCode()).as(origin).isEqualTo(403);
            assertProblem(preflight, 403, "origin_not_allowed");
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).as(origin).isEmpty();
        }
    }

    @Test
    void anAllowedOriginsRequestsCarryTheCorsHeadersAndOthersAreRefused() {
        String token = TestTokens.shared().accessToken(UUID.randomUUID(), "cors");
        HttpResponse<String> allowed = client().send("GET", "/api/rooms", token, "Origin", "https://other.example.com");
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://other.example.com");
        assertThat(allowed.headers().firstValue("Access-Control-Expose-Headers")).hasValueSatisfying(
                exposed -> assertThat(exposed).contains("Retry-After"));
        HttpResponse<String> refused = client().send("GET", "/api/rooms", token, "Origin", "https://evil.example.com");
        assertProblem(refused, 403, "origin_not_allowed");
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    /** The web client comes from the edge itself, also when TLS ends at a proxy in front (Origin https, edge http). */
    @Test
    void theEdgesOwnWebClientNeedsNoConfiguredOrigin() {
        String token = TestTokens.shared().accessToken(UUID.randomUUID(), "web");
        assertThat(client().send("POST", "/api/rooms", token, "Origin", "http://127.0.0.1:" + port).statusCode()).isEqualTo(200);
        String behindTls = client().raw("POST /api/rooms HTTP/1.1\r\nHost: chat.example.com\r\n"
                + "Origin: https://chat.example.com\r\nAuthorization: Bearer " + token + "\r\n"
                + "Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
        assertThat(EdgeClient.status(behindTls)).as(behindTls).isEqualTo(200);
    }

    private EdgeClient client() {
        return new EdgeClient(port, "127.0.0.1");
    }

    /** A request whose header lines hold {@code bytes} bytes in all (Netty counts them without their line ends). */
    private static String getWithHeaders(int bytes) {
        String token = TestTokens.shared().accessToken(UUID.randomUUID(), "big-headers");
        String head = "Host: 127.0.0.1\r\nConnection: close\r\nAuthorization: Bearer " + token + "\r\n";
        int used = head.length() - 3 * 2;
        return "GET /api/rooms HTTP/1.1\r\n" + head + "X-Padding: " + "p".repeat(bytes - used - "X-Padding: ".length())
                + "\r\n\r\n";
    }

    private HttpResponse<String> post(HttpRequest.BodyPublisher body) throws Exception {
        String token = TestTokens.shared().accessToken(UUID.randomUUID(), "poster");
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/rooms"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(body).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> upload(String token, HttpRequest.BodyPublisher body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/files"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "multipart/form-data; boundary=b")
                .POST(body).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A JSON document of exactly {@code bytes} bytes. */
    private static String json(int bytes) {
        return "{\"name\":\"" + "x".repeat(bytes - 11) + "\"}";
    }

    private static void repeat(byte[] chunk, int times, Flow.Subscriber<? super ByteBuffer> subscriber) {
        subscriber.onSubscribe(new Flow.Subscription() {
            private int sent;

            @Override
            public void request(long n) {
                for (long i = 0; i < n && sent < times; i++, sent++) {
                    subscriber.onNext(ByteBuffer.wrap(chunk));
                }
                if (sent == times) {
                    subscriber.onComplete();
                }
            }

            @Override
            public void cancel() {
                sent = times + 1;
            }
        });
    }

    private static HttpServer service() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                REACHED_THE_SERVICE.incrementAndGet();
                if (exchange.getRequestURI().getPath().startsWith("/api/files/")) {
                    exchange.getResponseHeaders().set("Content-Security-Policy", FILE_POLICY);
                }
                byte[] body = ("read " + exchange.getRequestBody().readAllBytes().length).getBytes(StandardCharsets.UTF_8);
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
