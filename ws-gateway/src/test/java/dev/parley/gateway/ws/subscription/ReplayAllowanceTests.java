package dev.parley.gateway.ws.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReplayAllowanceTests {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aUsersResumesShareTheBurstAndThenTheRefill() {
        ReplayAllowance allowance = new ReplayAllowance(1_000, 200);
        UUID user = UUID.randomUUID();
        assertThat(allowance.take(user, 600, 0)).isZero();
        assertThat(allowance.take(user, 400, 0)).isZero();
        assertThat(allowance.take(user, 100, 0)).as("the wait for 100 at 200 a second").isBetween(500L, 501L);
        assertThat(allowance.take(user, 100, SECOND / 2 - 1_000)).isEqualTo(1);
        assertThat(allowance.take(user, 100, SECOND / 2 + 1_000)).isZero();
        assertThat(allowance.take(UUID.randomUUID(), 1_000, SECOND / 2)).as("another user's own").isZero();
    }

    @Test
    void aRefusedResumeTakesNothingAndEveryResumeOfTheUserWaitsOutItsWaitWhateverItsBacklog() {
        ReplayAllowance allowance = new ReplayAllowance(1_000, 100);
        UUID user = UUID.randomUUID();
        assertThat(allowance.waitLeft(user, 0)).as("no bucket yet").isZero();
        assertThat(allowance.take(user, 900, 0)).isZero();
        assertThat(allowance.waitLeft(user, 0)).isZero();
        assertThat(allowance.take(user, 1_000, 0)).isBetween(9_000L, 9_001L);
        assertThat(allowance.waitLeft(user, SECOND)).isBetween(8_000L, 8_001L);
        assertThat(allowance.take(user, 10, SECOND)).as("a small one too, while the wait lasts").isBetween(8_000L, 8_001L);
        assertThat(allowance.waitLeft(UUID.randomUUID(), SECOND)).as("another user's own").isZero();
        long over = 9 * SECOND + 1_000_000;
        assertThat(allowance.waitLeft(user, over)).isZero();
        assertThat(allowance.take(user, 1_000, over)).as("what was refused, once the wait is over").isZero();
    }

    @Test
    void theRefillStopsAtTheBurst() {
        ReplayAllowance allowance = new ReplayAllowance(1_000, 100);
        UUID user = UUID.randomUUID();
        assertThat(allowance.take(user, 1_000, 0)).isZero();
        assertThat(allowance.take(user, 1_000, 3_600 * SECOND)).isZero();
        assertThat(allowance.take(user, 1, 3_600 * SECOND)).isBetween(10L, 11L);
    }

    @Test
    void bucketsRefilledToTheBrimAreDroppedSoWhatIsKeptIsBoundedByTheUsersReplayingNow() {
        ReplayAllowance allowance = new ReplayAllowance(100, 100);
        for (int i = 0; i < 1_023; i++) {
            allowance.take(UUID.randomUUID(), 100, 0);
        }
        assertThat(allowance.kept()).isEqualTo(1_023);
        UUID stillReplaying = UUID.randomUUID();
        allowance.take(stillReplaying, 100, 2 * SECOND); // the 1,024th: a sweep, which finds the others full again
        assertThat(allowance.kept()).isEqualTo(1);
        assertThat(allowance.take(stillReplaying, 1, 2 * SECOND)).as("its debt was kept").isBetween(10L, 11L);
    }

    @Test
    void theBurstMustHoldTheLargestBacklogAResumeReplays() {
        assertThatThrownBy(() -> new SubscriptionProperties(1_000, 100, 999, 2_000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("replay-burst");
        assertThat(new SubscriptionProperties(1_000, 100, 1_000, 2_000).replayBurst()).isEqualTo(1_000);
    }
}
