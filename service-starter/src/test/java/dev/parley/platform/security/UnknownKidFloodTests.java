package dev.parley.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A servlet service under a flood of tokens with made-up {@code kid}s: every one is refused 401, and
 * auth-service's JWKS is fetched at most once per refetch interval — not once per token.
 */
@SpringBootTest(classes = UnknownKidFloodTests.Service.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.main.web-application-type=servlet", "management.health.defaults.enabled=false"})
class UnknownKidFloodTests {

    static final CountingJwks JWKS = new CountingJwks();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry registry) {
        registry.add("parley.security.issuer", () -> CountingJwks.ISSUER);
        registry.add("parley.security.jwks-uri", JWKS::uri);
    }

    @AfterAll
    static void stopJwks() {
        JWKS.close();
    }

    @Test
    void twoHundredTokensWithUnknownKidsAreRefusedWithAtMostOneJwksFetchBeyondTheFirst() throws Exception {
        assertThat(status(JWKS.token())).isEqualTo(200);
        assertThat(JWKS.fetches()).isEqualTo(1);

        try (ExecutorService clients = Executors.newFixedThreadPool(16)) {
            List<Future<Integer>> answers = IntStream.range(0, 200)
                    .mapToObj(i -> clients.submit(() -> status(JWKS.tokenWithUnknownKid()))).toList();
            for (Future<Integer> answer : answers) {
                assertThat(answer.get()).isEqualTo(401);
            }
        }

        assertThat(JWKS.fetches()).as("JWKS fetches, the first included").isLessThanOrEqualTo(2);
        assertThat(status(JWKS.token())).as("the known key still works").isEqualTo(200);
    }

    private int status(String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hello"))
                .header("Authorization", "Bearer " + token).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The smallest resource server: the shared filter chain in front of one endpoint. */
    @SpringBootConfiguration
    @EnableAutoConfiguration(excludeName = {
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration"})
    @RestController
    static class Service {

        @GetMapping("/hello")
        String hello() {
            return "hello";
        }
    }
}
