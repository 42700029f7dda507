package dev.parley.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.CapturedSpans;
import dev.parley.testing.ServiceTestEnvironment;
import dev.parley.testing.TestTokens;
import java.time.Duration;
import java.util.UUID;
import java.util.function.BooleanSupplier;
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

    /** Waits until the condition holds, failing the test once the timeout has passed. */
    protected static void awaitTrue(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited %s", timeout).isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
