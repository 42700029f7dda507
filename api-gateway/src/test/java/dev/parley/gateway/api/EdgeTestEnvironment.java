package dev.parley.gateway.api;

import dev.parley.infra.FreePorts;
import dev.parley.infra.RedisServer;
import dev.parley.testing.TestTokens;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What the edge needs of the real infrastructure: a real Redis (local-infra's redis-server, one per test
 * JVM) and the test token issuer. Unlike {@code ServiceTestEnvironment} it starts no Kafka or PostgreSQL,
 * which the edge never uses and which took most of a minute to start on a busy two-core machine.
 */
final class EdgeTestEnvironment {

    private static RedisServer redis;

    private EdgeTestEnvironment() {
    }

    static void register(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", EdgeTestEnvironment::redisPort);
        registry.add("parley.security.issuer", () -> TestTokens.shared().issuer());
        registry.add("parley.security.jwks-uri", () -> TestTokens.shared().jwksUri());
    }

    static synchronized int redisPort() {
        if (redis == null) {
            redis = RedisServer.start(FreePorts.next(), null);
            Runtime.getRuntime().addShutdownHook(new Thread(redis::close, "edge-redis-stop"));
        }
        return redis.port();
    }
}
