package dev.parley.message;

import dev.parley.testing.CapturedSpans;
import dev.parley.testing.ServiceTestEnvironment;
import dev.parley.testing.TestTokens;
import java.util.UUID;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole service against the real Kafka, PostgreSQL, Redis and token issuer; one Spring context shared
 * by every integration test class. Tests isolate themselves by using fresh room and user ids. The spans the
 * service ends are kept in {@link CapturedSpans}.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@Import(CapturedSpans.Registration.class)
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
