package dev.parley.gateway.ws.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WriterPoolTests {

    private final WriterPool pool = new WriterPool(2, 8, TimeUnit.MILLISECONDS.toNanos(5), 200);

    @AfterEach
    void stop() {
        pool.shutdown();
    }

    @Test
    void twoThreadsDoTheCommonCase() throws Exception {
        AtomicInteger done = new AtomicInteger();
        CountDownLatch all = new CountDownLatch(1_000);
        for (int i = 0; i < 1_000; i++) {
            pool.execute(() -> {
                done.incrementAndGet();
                all.countDown();
            });
        }
        assertThat(all.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(done).hasValue(1_000);
        assertThat(pool.threads()).isEqualTo(2);
    }

    @Test
    void clientsThatStallWritesDoNotHoldUpTheOthers() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        for (int i = 0; i < 3; i++) {
            pool.execute(() -> await(release)); // three clients whose writes block
        }
        CountDownLatch written = new CountDownLatch(1);
        long start = System.nanoTime();
        pool.execute(written::countDown);
        assertThat(written.await(2, TimeUnit.SECONDS)).as("a healthy client's frame goes out").isTrue();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1_000);
        assertThat(pool.threads()).isBetween(4, 8);
        release.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (pool.threads() > 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(pool.threads()).as("the extra threads end once idle").isEqualTo(2);
    }

    @Test
    void itNeverGrowsBeyondItsMaximum() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        for (int i = 0; i < 20; i++) {
            pool.execute(() -> await(release));
        }
        Thread.sleep(300);
        assertThat(pool.threads()).isEqualTo(8);
        release.countDown();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
