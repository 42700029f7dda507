package dev.parley.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.infra.Infrastructure;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL away: a request is answered 503 {@code service_unavailable} with {@code Retry-After} in seconds —
 * before the edge's 30 s limit on a service — and everything works again soon after it is back.
 */
class DatabaseOutageTests extends RoomServiceIntegrationTest {

    @Test
    void whilePostgresIsDownRequestsGetAProblem503InSecondsAndAfterwardsTheyWorkAgain() {
        User owner = newUser();
        assertThat(api.post("/api/rooms", owner.token(), Api.json(Map.of("name", "Before", "visibility", "public")))
                .status()).isEqualTo(201);

        Infrastructure.shared().postgres().stop();
        try {
            long start = System.nanoTime();
            Api.Response listed = api.get("/api/rooms", owner.token());
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(listed.outcome()).isEqualTo("503 service_unavailable");
            assertThat(listed.contentType()).startsWith("application/problem+json");
            assertThat(listed.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(took).as("answered before the edge gives up on the service").isLessThan(Duration.ofSeconds(15));
        } finally {
            Infrastructure.shared().postgres().restart();
        }

        // Connections the pool held across the outage fail once each as they are found broken: that is a 503 too,
        // and the requests succeed again within seconds.
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        Api.Response after;
        do {
            after = api.post("/api/rooms", owner.token(), Api.json(Map.of("name", "After", "visibility", "public")));
            if (after.status() != 201) {
                assertThat(after.outcome()).as("an answer while the pool heals").isEqualTo("503 service_unavailable");
            }
        } while (after.status() != 201 && System.nanoTime() < deadline);
        assertThat(after.status()).as("rooms are created again").isEqualTo(201);
    }
}
