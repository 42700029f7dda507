package dev.parley.gateway.api.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The sources are asked at most once per cache period; one that failed is asked again sooner. */
class MergedApiDocsTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AtomicInteger asked = new AtomicInteger();
    private volatile int status = 200;
    private final HttpServer service = service();

    @AfterEach
    void stop() {
        service.stop(0);
    }

    @Test
    void aCompleteDocumentIsKeptForTheCachePeriod() {
        MergedApiDocs docs = docs(Duration.ofMinutes(5), Duration.ZERO);

        for (int i = 0; i < 5; i++) {
            assertThat(paths(docs)).contains("/api/auth/login", "/api/rooms/{roomId}/presence");
        }
        assertThat(asked).hasValue(1);
    }

    @Test
    void aDocumentMissingASourceIsBuiltAgainOnceTheSourceMayBeBack() {
        status = 503;
        MergedApiDocs docs = docs(Duration.ofMinutes(5), Duration.ZERO);

        assertThat(paths(docs)).doesNotContain("/api/auth/login").contains("/api/rooms/{roomId}/presence");
        status = 200;
        assertThat(paths(docs)).contains("/api/auth/login");
        assertThat(paths(docs)).contains("/api/auth/login");
        assertThat(asked).hasValue(2);
    }

    private MergedApiDocs docs(Duration cacheFor, Duration retryAfter) {
        String url = "http://127.0.0.1:" + service.getAddress().getPort() + "/v3/api-docs";
        return new MergedApiDocs(new ApiDocsProperties("https://chat.example.com", List.of(
                new ApiDocsProperties.Source("auth-service", url),
                new ApiDocsProperties.Source("ws-gateway", "classpath:api-docs/ws-gateway.openapi.json")),
                Duration.ofSeconds(2), cacheFor, retryAfter), new DefaultResourceLoader(), JSON);
    }

    private static List<String> paths(MergedApiDocs docs) {
        JsonNode document = JSON.readTree(docs.json().block(Duration.ofSeconds(10)));
        return List.copyOf(document.path("paths").propertyNames());
    }

    private HttpServer service() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/v3/api-docs", exchange -> {
                asked.incrementAndGet();
                byte[] body = "{\"openapi\":\"3.1.0\",\"paths\":{\"/api/auth/login\":{\"post\":{}}}}".getBytes();
                exchange.sendResponseHeaders(status, body.length);
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
