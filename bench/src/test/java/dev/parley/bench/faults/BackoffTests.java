package dev.parley.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTests {

    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2), new Random(1));

    @Test
    void delaysDoubleFromTheMinimumWithJitterAndStopAtTheMaximum() {
        long[] steps = {100, 200, 400, 800, 1600, 2000, 2000};
        for (long step : steps) {
            assertThat(backoff.next().toMillis()).isBetween(step / 2, step);
        }
    }

    @Test
    void aSuccessStartsTheDelaysOverFromTheMinimum() {
        for (int i = 0; i < 6; i++) {
            backoff.next();
        }
        backoff.reset();

        assertThat(backoff.next().toMillis()).isBetween(50L, 100L);
    }

    @Test
    void clientsCutOffTogetherDoNotAllComeBackTogether() {
        java.util.Set<Long> delays = new java.util.HashSet<>();
        for (int client = 0; client < 20; client++) {
            Backoff own = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2), new Random(client));
            own.next();
            own.next();
            delays.add(own.next().toMillis());
        }
        assertThat(delays).hasSizeGreaterThan(10);
    }
}
