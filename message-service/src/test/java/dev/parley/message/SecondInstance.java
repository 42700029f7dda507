package dev.parley.message;

import dev.parley.infra.Infrastructure;
import dev.parley.testing.TestTokens;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Another message-service in the same JVM, on the shared Kafka and Redis: its own context, port and consumers. */
public final class SecondInstance {

    private SecondInstance() {
    }

    /** Started on the database at {@code jdbcUrl} (the shared PostgreSQL's, or a relay's in front of it). */
    public static ConfigurableApplicationContext start(String jdbcUrl) {
        Infrastructure infra = Infrastructure.shared();
        // Command-line arguments: they win over application.yml, as the test context's dynamic properties do.
        return new SpringApplicationBuilder(MessageServiceApplication.class)
                .profiles("test")
                .run("--server.port=0",
                        "--spring.main.banner-mode=off",
                        "--spring.kafka.bootstrap-servers=" + infra.kafkaBootstrapServers(),
                        "--spring.data.redis.host=127.0.0.1",
                        "--spring.data.redis.port=" + infra.redis().port(),
                        "--spring.datasource.url=" + jdbcUrl,
                        "--spring.datasource.username=" + infra.postgres().username(),
                        "--spring.datasource.password=",
                        "--parley.security.issuer=" + TestTokens.shared().issuer(),
                        "--parley.security.jwks-uri=" + TestTokens.shared().jwksUri());
    }
}
