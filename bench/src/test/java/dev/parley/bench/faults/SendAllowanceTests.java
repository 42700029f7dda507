package dev.parley.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SendAllowanceTests {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aBacklogFlushesTheBurstAtOnceThenTenASecond() {
        SendAllowance allowance = new SendAllowance(10, 20, 0);

        assertThat(taken(allowance, 0, 100)).isEqualTo(20);
        assertThat(taken(allowance, SECOND / 20, 100)).isZero();
        assertThat(taken(allowance, SECOND / 10, 100)).isEqualTo(1);
        assertThat(taken(allowance, SECOND / 10 + SECOND, 100)).isEqualTo(10);
    }

    @Test
    void afterRateLimitedNothingGoesOutUntilRetryAfterHasPassed() {
        SendAllowance allowance = new SendAllowance(10, 20, 0);
        allowance.rateLimited(0, 250);

        assertThat(allowance.tryTake(249_000_000L)).isFalse();
        assertThat(allowance.tryTake(250_000_000L + SECOND / 10)).isTrue();
    }

    @Test
    void aNewConnectionStartsWithAFullBurst() {
        SendAllowance allowance = new SendAllowance(10, 20, 0);
        taken(allowance, 0, 100);

        allowance.newConnection(1);

        assertThat(taken(allowance, 1, 100)).isEqualTo(20);
    }

    private static int taken(SendAllowance allowance, long at, int tries) {
        int taken = 0;
        for (int i = 0; i < tries; i++) {
            taken += allowance.tryTake(at) ? 1 : 0;
        }
        return taken;
    }
}
