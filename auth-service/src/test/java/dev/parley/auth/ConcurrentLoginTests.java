package dev.parley.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The brute-force limit holds for guesses that arrive together, not just one after another. */
class ConcurrentLoginTests extends AuthIntegrationTest {

    private static final int GUESSES = 16;

    @Test
    void concurrentWrongGuessesForOneUsernameNeverExceedTheLimit() throws Exception {
        String username = unique("target");
        register(username, "the-right-one");
        Map<Integer, Long> statuses = concurrently(GUESSES, i -> statusOfRefusal(loginFrom(username, "wrong-" + i,
                randomAddress())));
        assertThat(statuses).containsOnlyKeys(401, 429);
        assertThat(statuses.get(401)).as("wrong guesses answered").isEqualTo(5);
        assertProblem(loginFrom(username, "the-right-one", randomAddress()), 429, "too_many_attempts");
    }

    /** Attempts are counted before the password is checked; a success must give its address count back. */
    @Test
    void successfulLoginsNeverCountAgainstTheAddress() {
        String username = unique("busy");
        register(username, "busy-password");
        String address = randomAddress();
        for (int i = 0; i <= 30; i++) {
            assertThat(loginFrom(username, "busy-password", address).status()).isEqualTo(200);
        }
        // below the address limit of 30
        assertProblem(loginFrom(unique("other"), "wrong-password", address), 401, "invalid_credentials");
    }

    /** A refused guess's status, once its answer is checked as a whole problem document of its kind. */
    private static int statusOfRefusal(Answer answer) {
        assertProblem(answer, answer.status(), answer.status() == 429 ? "too_many_attempts" : "invalid_credentials");
        return answer.status();
    }

    /** Runs {@code attempts} calls at once and counts the answers. */
    private static Map<Integer, Long> concurrently(int attempts, Function<Integer, Integer> attempt) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(attempts)) {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                int n = i;
                answers.add(pool.submit(() -> {
                    start.await();
                    return attempt.apply(n);
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            return statuses.stream().collect(Collectors.groupingBy(status -> status, Collectors.counting()));
        }
    }
}
