package dev.parley.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.infra.Infrastructure;
import dev.parley.infra.PostgresServer;
import dev.parley.testing.TableLock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL frozen (SIGSTOP: its connections open, nothing on them answered) while a request's statement is in
 * flight: the request is answered 503 {@code service_unavailable} within the driver's socketTimeout — before the
 * thaw, and before the edge's 30 s limit — and requests succeed again after the thaw (ADR 0031).
 */
class DatabaseFreezeTests extends AuthIntegrationTest {

    /** The driver's socketTimeout (10 s, service-defaults.yml) and a generous margin for a slow, busy machine. */
    private static final Duration SOCKET_TIMEOUT_BOUND = Duration.ofSeconds(18);

    @Test
    void aRequestInFlightWhenPostgresFreezesIsAnswered503BeforeTheThawAndAfterItRequestsWorkAgain() throws Exception {
        String username = unique("frozen");
        assertThat(register(username, "frozen-password").status()).isEqualTo(201);
        String access = login(username, "frozen-password").body().path("accessToken").asString();
        PostgresServer postgres = Infrastructure.shared().postgres();

        // The request is in flight for sure: its statement waits in PostgreSQL behind this lock when the server stops.
        try (TableLock lock = TableLock.hold("auth", "accounts")) {
            long start = System.nanoTime();
            CompletableFuture<Answer> me = CompletableFuture.supplyAsync(() -> get("/api/users/me", access));
            assertThat(lock.awaitWaitingStatement(Duration.ofSeconds(15))).as("the request waits in PostgreSQL").isTrue();

            postgres.freeze();
            try {
                // before the thaw: waiting for it, the test fails here
                Answer answered = me.get(SOCKET_TIMEOUT_BOUND.toSeconds() + 5, TimeUnit.SECONDS);
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertThat(answered.status()).as(answered.raw().body()).isEqualTo(503);
                assertProblem(answered, 503, "service_unavailable");
                assertThat(answered.raw().headers().firstValue("Retry-After")).hasValue("1");
                assertThat(took).as("answered within the driver's socket timeout").isLessThan(SOCKET_TIMEOUT_BOUND);
            } finally {
                postgres.thaw();
            }
        }

        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        Answer after;
        do {
            after = get("/api/users/me", access);
        } while (after.status() != 200 && System.nanoTime() < deadline);
        assertThat(after.status()).as("the user is read again after the thaw: %s", after.raw().body()).isEqualTo(200);
    }
}
