package dev.parley.gateway.api;

import static dev.parley.testing.ProblemAssert.assertProblem;
import static dev.parley.testing.ProblemAssert.assertRawProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.TestTokens;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The per-address allowance for every request, made small (4 an hour, so nothing refills during a test):
 * what counts, what does not, what is answered before it, and that two gateway instances share it.
 * Each test is its own loopback address, i.e. its own client. The edge runs as on Kubernetes, where
 * Spring Boot would otherwise have Reactor Netty believe anyone's {@code X-Forwarded-For}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "parley.edge.rate-limits.requests=4/1h", "parley.edge.rate-limits.redis-timeout=5s",
        "spring.main.cloud-platform=kubernetes"})
class AddressRateLimitTests {

    private static final StubService SERVICES = new StubService();
    private static final String TOKEN = TestTokens.shared().accessToken(UUID.randomUUID(), "counted");

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Autowired
    ReactiveRedisConnectionFactory redis;

    @DynamicPropertySource
    static void environment(DynamicPropertyRegistry registry) {
        EdgeTestEnvironment.register(registry);
        registry.add("AUTH_SERVICE_URL", SERVICES::url);
        registry.add("ROOM_SERVICE_URL", SERVICES::url);
        registry.add("WS_GATEWAY_URL", () -> "ws://127.0.0.1:1"); // nobody: the upgrade is answered 503
    }

    @AfterAll
    static void stopServices() {
        SERVICES.close();
    }

    @Test
    void everyRequestOfAnAddressCountsTheWebSocketUpgradeAsOneAndTheHealthProbesNotAtAll() {
        EdgeClient client = new EdgeClient(port, "127.0.0.10");
        assertThat(client.send("GET", "/", null).statusCode()).as("the web client").isEqualTo(200);
        assertThat(client.send("POST", "/api/auth/login", null).statusCode()).isEqualTo(200);
        assertProblem(client.send("GET", "/api/nothing-here", TOKEN), 404, "not_found");
        String upgrade = client.raw("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade, close\r\nUpgrade: websocket\r\n"
                + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n");
        assertThat(EdgeClient.status(upgrade)).as(upgrade).isNotEqualTo(429);

        HttpResponse<String> fifth = client.send("GET", "/api/rooms", TOKEN);
        RateLimitTests.assertRateLimited(fifth);
        assertThat(Integer.parseInt(fifth.headers().firstValue("Retry-After").orElseThrow())).isBetween(890, 900);
        assertThat(client.send("GET", "/actuator/health", null).statusCode()).as("health probe").isEqualTo(200);
        assertThat(client.send("GET", "/actuator/health/readiness", null).statusCode()).as("readiness probe").isEqualTo(200);
        assertThat(new EdgeClient(port, "127.0.0.11").send("GET", "/api/rooms", TOKEN).statusCode())
                .as("another address").isEqualTo(200);
    }

    /**
     * ADR 0038: a request whose token is refused counts like any other (contract §7, "300 requests/s overall"), and
     * once Redis has answered the address empty, its requests are refused before the security chain, without asking
     * Redis: even a URL the firewall in that chain would refuse 400.
     */
    @Test
    void aRefusedTokenCountsAgainstItsAddressAndPastItsAllowanceTheAddressIsRefusedBeforeAnyCheck() {
        EdgeClient client = new EdgeClient(port, "127.0.0.12");
        for (int i = 0; i < 2; i++) {
            assertProblem(client.send("GET", "/api/rooms", "garbage"), 401, "unauthorized");
            assertThat(client.send("GET", "/api/rooms", TOKEN).statusCode()).isEqualTo(200);
        }
        RateLimitTests.assertRateLimited(client.send("GET", "/api/rooms", "garbage"));
        long asked = RateLimitTests.scriptCalls(redis);

        RateLimitTests.assertRateLimited(client.send("GET", "/api/rooms", "garbage"));
        RateLimitTests.assertRateLimited(client.send("GET", "/api/users/1%3B%20DROP%20TABLE%20users", TOKEN));
        RateLimitTests.assertRateLimited(client.send("GET", "/api/rooms", TOKEN));

        assertThat(RateLimitTests.scriptCalls(redis)).as("Redis asked again").isEqualTo(asked);
        assertThat(new EdgeClient(port, "127.0.0.16").send("GET", "/api/rooms", "garbage").statusCode())
                .as("another address").isEqualTo(401);
    }

    @Test
    void aDeclaredOversizedBodyIsAnswered413WithoutBeingCounted() {
        EdgeClient client = new EdgeClient(port, "127.0.0.13");
        String oversized = "POST /api/rooms HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN + "\r\n"
                + "Content-Type: application/json\r\nContent-Length: 70000\r\nConnection: close\r\n\r\n";
        for (int i = 0; i < 6; i++) {
            assertRawProblem(client.raw(oversized), 413, "payload_too_large");
        }
        for (int i = 0; i < 4; i++) {
            assertThat(client.send("GET", "/api/rooms", TOKEN).statusCode()).isEqualTo(200);
        }
        RateLimitTests.assertRateLimited(client.send("GET", "/api/rooms", TOKEN));
    }

    @Test
    void anXForwardedForFromAClientThatIsNoTrustedProxyDoesNotMakeItAnotherClient() {
        EdgeClient client = new EdgeClient(port, "127.0.0.14");
        for (int i = 0; i < 4; i++) {
            assertThat(client.send("GET", "/api/rooms", TOKEN, "X-Forwarded-For", "203.0.113." + i).statusCode()).isEqualTo(200);
        }
        RateLimitTests.assertRateLimited(client.send("GET", "/api/rooms", TOKEN, "X-Forwarded-For", "203.0.113.99"));
    }

    @Test
    void twoGatewayInstancesSpendFromTheSameAllowance() {
        try (ConfigurableApplicationContext second = secondInstance()) {
            int secondPort = Integer.parseInt(second.getEnvironment().getProperty("local.server.port"));
            EdgeClient first = new EdgeClient(port, "127.0.0.15");
            EdgeClient other = new EdgeClient(secondPort, "127.0.0.15");
            assertThat(first.send("GET", "/api/rooms", TOKEN).statusCode()).isEqualTo(200);
            assertThat(other.send("GET", "/api/rooms", TOKEN).statusCode()).isEqualTo(200);
            assertThat(first.send("GET", "/api/rooms", TOKEN).statusCode()).isEqualTo(200);
            assertThat(other.send("GET", "/api/rooms", TOKEN).statusCode()).isEqualTo(200);
            RateLimitTests.assertRateLimited(first.send("GET", "/api/rooms", TOKEN));
            RateLimitTests.assertRateLimited(other.send("GET", "/api/rooms", TOKEN));
        }
    }

    /** Another api-gateway process in all but the JVM: same Redis, same limits, a port of its own. */
    private ConfigurableApplicationContext secondInstance() {
        Map<String, String> same = Map.of("server.port", "0", "parley.edge.rate-limits.requests", "4/1h",
                "parley.edge.rate-limits.redis-timeout", "5s",
                "spring.data.redis.port", environment.getRequiredProperty("spring.data.redis.port"),
                "parley.security.issuer", environment.getRequiredProperty("parley.security.issuer"),
                "parley.security.jwks-uri", environment.getRequiredProperty("parley.security.jwks-uri"),
                "ROOM_SERVICE_URL", SERVICES.url());
        String[] arguments = same.entrySet().stream().map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(ApiGatewayApplication.class).run(arguments);
    }
}
