package dev.parley.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.infra.launcher.Component;
import dev.parley.infra.launcher.Platform;
import dev.parley.infra.launcher.Replica;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * An extra instance of a service on the shared platform, as {@code ./parley bench w4} and the fault workload's
 * {@code --second-instances} start one: it serves beside the first, reads as not ready while it is frozen (what the
 * fault workload polls until a thawed instance serves again), and is gone once stopped. ws-gateway, because its
 * Kafka groups are its own: a second instance takes no partitions from the first.
 */
class SecondInstanceTests {

    private static final Duration READY_AGAIN_WITHIN = Duration.ofSeconds(30);

    private final Platform platform = RunningPlatform.get();

    @Test
    void anExtraInstanceServesReadsNotReadyWhileFrozenAndIsGoneOnceStopped() throws InterruptedException {
        Replica second = new Replica(Component.WS_GATEWAY, 2);
        platform.start(second);
        try {
            assertThat(platform.isReady(second)).isTrue();
            assertThat(platform.runningReplicas()).containsExactly(second);
            assertThat(platform.status()).anySatisfy(line -> assertThat(line).startsWith("ws-gateway#2").contains("UP"));

            platform.freeze(second);
            try {
                assertThat(platform.isReady(second)).as("a frozen instance answers no health check").isFalse();
                assertThat(platform.isReady(Component.WS_GATEWAY)).as("the first instance, beside it").isTrue();
            } finally {
                platform.thaw(second);
            }
            assertThat(readyWithin(second, READY_AGAIN_WITHIN)).as("ready again after the thaw").isTrue();
        } finally {
            platform.stop(second);
        }
        assertThat(platform.isReady(second)).isFalse();
        assertThat(platform.runningReplicas()).isEmpty();
    }

    private boolean readyWithin(Replica replica, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!platform.isReady(replica)) {
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            Thread.sleep(200);
        }
        return true;
    }
}
