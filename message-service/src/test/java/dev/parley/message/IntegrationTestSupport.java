package dev.parley.message;

import dev.parley.testing.ServiceTestEnvironment;
import dev.parley.testing.TestTokens;
import java.util.UUID;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole service against the real Kafka, PostgreSQL, Redis and token issuer; one Spring context shared
 * by every integration test class. Tests isolate themselves by using fresh room and user ids.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
public abstract class IntegrationTestSupport {

    protected static final TestKafka kafka = TestKafka.shared();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceTestEnvironment.register(registry, "messages");
    }

    protected static String bearer(UUID userId) {
        return "Bearer " + TestTokens.shared().accessToken(userId, "user");
    }
}
