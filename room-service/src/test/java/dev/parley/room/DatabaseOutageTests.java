package dev.parley.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.infra.Infrastructure;
import dev.parley.infra.PostgresServer;
import dev.parley.testing.TableLock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL away: a request is answered 503 {@code service_unavailable} with {@code Retry-After} in seconds —
 * before the edge's 30 s limit on a service — and everything works again soon after it is back. Away means stopped
 * (connections refused and closed) or frozen (SIGSTOP: connections open, nothing on them answered).
 */
class DatabaseOutageTests extends RoomServiceIntegrationTest {

    /** The driver's socketTimeout (10 s, service-defaults.yml) and a generous margin for a slow, busy machine. */
    private static final Duration SOCKET_TIMEOUT_BOUND = Duration.ofSeconds(18);

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

    @Test
    void aReadInFlightWhenPostgresFreezesIsAnswered503BeforeTheThawAndAfterItReadsWorkAgain() throws Exception {
        User owner = newUser();
        UUID room = createRoom(owner, "Frozen", "public");
        PostgresServer postgres = Infrastructure.shared().postgres();

        // The read is in flight for sure: its statement waits in PostgreSQL behind this lock when the server stops.
        try (TableLock lock = TableLock.hold("rooms", "rooms")) {
            long start = System.nanoTime();
            CompletableFuture<Api.Response> read = CompletableFuture.supplyAsync(
                    () -> api.get("/api/rooms/" + room, owner.token()));
            assertThat(lock.awaitWaitingStatement(Duration.ofSeconds(15))).as("the read waits in PostgreSQL").isTrue();

            postgres.freeze();
            try {
                // before the thaw: waiting for it, the test fails here (the edge would have answered 504 at 30 s)
                Api.Response answered = read.get(SOCKET_TIMEOUT_BOUND.toSeconds() + 5, TimeUnit.SECONDS);
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertThat(answered.outcome()).isEqualTo("503 service_unavailable");
                assertThat(answered.headers().firstValue("Retry-After")).hasValue("1");
                assertThat(took).as("answered within the driver's socket timeout").isLessThan(SOCKET_TIMEOUT_BOUND);
            } finally {
                postgres.thaw();
            }
        }

        // The pool let go of the connection it gave up on; the next reads get connections that answer.
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        Api.Response after;
        do {
            after = api.get("/api/rooms/" + room, owner.token());
        } while (after.status() != 200 && System.nanoTime() < deadline);
        assertThat(after.status()).as("the room is read again after the thaw: %s", after.raw()).isEqualTo(200);
    }
}
