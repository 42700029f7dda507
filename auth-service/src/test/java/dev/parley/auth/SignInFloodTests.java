package dev.parley.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.TestPropertySource;

/**
 * A flood of sign-ins takes at most the hashing turns and their small waiting room: every sign-in beyond is
 * answered 503 at once, and the requests that hash nothing — refresh, the caller's account, the JWKS — answer
 * as usual while it lasts. The login throttle never stops such a flood (a right password is never counted), and
 * every sign-in parked for a turn had held a request thread and a database connection: fourteen of them emptied
 * the pool, and refreshes waited for it. The turns are held from the test, with a password whose characters can
 * be read only once the test lets go (a hash reads them once it has its turn).
 */
@TestPropertySource(properties = {"parley.auth.password-hashing.concurrency=" + SignInFloodTests.CONCURRENCY,
        "parley.auth.password-hashing.waiting-per-hash=" + SignInFloodTests.WAITING_PER_HASH,
        "parley.auth.password-hashing.max-wait=60s", "spring.datasource.hikari.connection-timeout=30000"})
class SignInFloodTests extends AuthIntegrationTest {

    static final int CONCURRENCY = 1;
    static final int WAITING_PER_HASH = 4;
    private static final int WAITING = CONCURRENCY * WAITING_PER_HASH;
    private static final int BEYOND = 10;
    /**
     * Well below a parked sign-in's wait (60 s here) and the database pool's (30 s here, 5 s by default, so that a
     * request that waited for a connection is told from one that did not however slow the machine).
     */
    private static final Duration PROMPTLY = Duration.ofSeconds(10);

    @Autowired
    private PasswordEncoder passwordEncoder;

    @Test
    void signInsBeyondTheWaitingRoomAreRefusedAtOnceWhileRequestsThatHashNothingGoOn() throws Exception {
        String username = unique("steady");
        register(username, "steady-password");
        String refreshToken = login(username, "steady-password").body().path("refreshToken").asString();

        CountDownLatch hashing = new CountDownLatch(CONCURRENCY);
        CountDownLatch release = new CountDownLatch(1);
        List<Thread> turns = new ArrayList<>();
        for (int i = 0; i < CONCURRENCY; i++) {
            turns.add(Thread.ofPlatform().start(() -> passwordEncoder.matches(new HeldPassword(hashing, release), "-")));
        }
        try (ExecutorService flood = Executors.newFixedThreadPool(WAITING + BEYOND)) {
            CompletionService<Answer> answers = new ExecutorCompletionService<>(flood);
            try {
                assertThat(hashing.await(10, TimeUnit.SECONDS)).as("every hashing turn held").isTrue();
                for (int i = 0; i < WAITING + BEYOND; i++) {
                    // unknown usernames: each is hashed against the decoy, as a right password would be
                    answers.submit(() -> loginFrom(unique("flood"), "flood-password", randomAddress()));
                }
                for (int i = 0; i < BEYOND; i++) {
                    Future<Answer> refused = answers.poll(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS);
                    assertThat(refused).as("a sign-in beyond the waiting room is answered at once").isNotNull();
                    assertBusy(refused.get());
                }

                assertBusy(promptly(() -> loginFrom(username, "steady-password", randomAddress())));
                assertBusy(promptly(() -> register(unique("late"), "late-password")));
                Answer refreshed = promptly(() -> refresh(refreshToken));
                assertThat(refreshed.status()).isEqualTo(200);
                String accessToken = refreshed.body().path("accessToken").asString();
                assertThat(promptly(() -> get("/api/users/me", accessToken)).status()).isEqualTo(200);
                assertThat(promptly(() -> get("/.well-known/jwks.json", null)).status()).isEqualTo(200);
                assertThat(answers.poll()).as("the sign-ins in the waiting room are still waiting").isNull();
            } finally {
                release.countDown();
                for (Thread turn : turns) {
                    turn.join();
                }
            }
            for (int i = 0; i < WAITING; i++) {
                Future<Answer> waited = answers.poll(30, TimeUnit.SECONDS);
                assertThat(waited).as("a sign-in that waited is answered once a turn is free").isNotNull();
                assertProblem(waited.get(), 401, "invalid_credentials");
            }
        }
        assertThat(login(username, "steady-password").status()).as("after the flood").isEqualTo(200);
    }

    private static void assertBusy(Answer answer) {
        assertProblem(answer, 503, "service_unavailable");
        assertThat(answer.raw().headers().firstValue("Retry-After")).hasValue("1");
    }

    private static Answer promptly(Supplier<Answer> request) {
        long started = System.nanoTime();
        Answer answer = request.get();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("answered promptly").isLessThan(PROMPTLY);
        return answer;
    }

    /** A password whose characters can be read only once {@code release} opens; {@code reading} counts the readers. */
    private record HeldPassword(CountDownLatch reading, CountDownLatch release) implements CharSequence {

        private static final String TEXT = "held-password";

        @Override
        public String toString() {
            reading.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return TEXT;
        }

        @Override
        public int length() {
            return toString().length();
        }

        @Override
        public char charAt(int index) {
            return toString().charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return toString().subSequence(start, end);
        }
    }
}
