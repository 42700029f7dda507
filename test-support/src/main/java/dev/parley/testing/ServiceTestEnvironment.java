package dev.parley.testing;

import dev.parley.infra.Infrastructure;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Points a service under test at the shared real infrastructure and the test token issuer. Call
 * from a {@code @DynamicPropertySource} method.
 */
public final class ServiceTestEnvironment {

    private ServiceTestEnvironment() {
    }

    /** Kafka, Redis and token validation; plus a database of the given name when it is not null. */
    public static void register(DynamicPropertyRegistry registry, String database) {
        Infrastructure infra = Infrastructure.shared();
        registry.add("spring.kafka.bootstrap-servers", infra::kafkaBootstrapServers);
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", () -> infra.redis().port());
        TestTokens.register(registry);
        if (database != null) {
            infra.postgres().createDatabase(database);
            registry.add("spring.datasource.url", () -> infra.postgres().jdbcUrl(database));
            registry.add("spring.datasource.username", () -> infra.postgres().username());
            registry.add("spring.datasource.password", () -> "");
        }
    }
}
