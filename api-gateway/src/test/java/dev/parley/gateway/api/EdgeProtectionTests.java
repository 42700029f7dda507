package dev.parley.gateway.api;

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
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Contract §7 at the edge: bounded request bodies, and the headers every response carries. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EdgeProtectionTests {

    private static final int LIMIT = 64 * 1024;
    private static final AtomicInteger REACHED_THE_SERVICE = new AtomicInteger();
    private static final HttpServer SERVICE = service();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        registry.add("ROOM_SERVICE_URL", () -> "http://127.0.0.1:" + SERVICE.getAddress().getPort());
        registry.add("parley.security.issuer", () -> TestTokens.shared().issuer());
        registry.add("parley.security.jwks-uri", () -> TestTokens.shared().jwksUri());
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
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.body()).contains("\"code\":\"payload_too_large\"");
        assertThat(REACHED_THE_SERVICE.get()).isEqualTo(reachedBefore);
    }

    @Test
    void aChunkedBodyIsCutOffAtTheLimit() throws Exception {
        byte[] ninetyMegabytes = new byte[1024 * 1024];
        HttpRequest.BodyPublisher unsized = HttpRequest.BodyPublishers.fromPublisher(
                subscriber -> repeat(ninetyMegabytes, 90, subscriber)); // no length: sent chunked
        HttpResponse<String> refused = post(unsized);
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.body()).contains("\"code\":\"payload_too_large\"");
    }

    @Test
    void everyResponseCarriesNosniffNoReferrerAndAPolicyWithoutInlineScript() throws Exception {
        String token = TestTokens.shared().accessToken(UUID.randomUUID(), "headers");
        for (HttpResponse<String> response : new HttpResponse[] {
                get("/", null), get("/app.js", null), get("/api/rooms", token), get("/api/rooms", null),
                get("/api/nothing-here", token), get("/api/users/1%3B2", token)}) {
            assertThat(response.headers().firstValue("X-Content-Type-Options")).as("%s", response).hasValue("nosniff");
            assertThat(response.headers().firstValue("Referrer-Policy")).as("%s", response).hasValue("no-referrer");
            assertThat(response.headers().firstValue("Content-Security-Policy")).as("%s", response).hasValueSatisfying(
                    policy -> assertThat(policy).contains("script-src 'self'").doesNotContain("unsafe-inline"));
        }
    }

    private HttpResponse<String> post(HttpRequest.BodyPublisher body) throws Exception {
        String token = TestTokens.shared().accessToken(UUID.randomUUID(), "poster");
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/rooms"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
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
