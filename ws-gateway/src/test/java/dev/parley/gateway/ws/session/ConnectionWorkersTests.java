package dev.parley.gateway.ws.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.gateway.ws.support.Sessions;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The connections' worker threads: at most {@code connection-threads} run at once, and the rest wait their turn. */
class ConnectionWorkersTests {

    private final ConnectionWorkers workers = new ConnectionWorkers(Sessions.properties(1 << 20)); // 8 threads

    @AfterEach
    void stop() {
        workers.destroy();
    }

    @Test
    void blockedTasksTakeAtMostTheConfiguredThreadsAndTheRestWaitTheirTurn() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch allRan = new CountDownLatch(20);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        for (int i = 0; i < 20; i++) {
            workers.execute(() -> {
                mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    release.await(); // a lookup that hangs
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                running.decrementAndGet();
                allRan.countDown();
            });
        }
        Thread.sleep(300);
        assertThat(running.get()).as("tasks blocked at once").isEqualTo(8);

        release.countDown();
        assertThat(allRan.await(5, TimeUnit.SECONDS)).as("every task ran once the blocked ones ended").isTrue();
        assertThat(mostAtOnce.get()).isEqualTo(8);
    }
}
