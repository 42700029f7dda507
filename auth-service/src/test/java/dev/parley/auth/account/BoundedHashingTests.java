package dev.parley.auth.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.platform.web.ApiException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;

class BoundedHashingTests {

    @Test
    void noMoreHashesRunAtOnceThanTheBound() throws Exception {
        AtomicInteger most = new AtomicInteger();
        BoundedHashing bounded = new BoundedHashing(new Recording(new AtomicInteger(), most, null), 2, 6,
                Duration.ofSeconds(10));
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            threads.add(Thread.ofPlatform().start(() -> bounded.encode("correct horse battery")));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(most.get()).isEqualTo(2);
    }

    @Test
    void aHashThatCannotStartInTimeIsAServiceUnavailableProblem() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        BoundedHashing bounded = new BoundedHashing(new Recording(running, new AtomicInteger(), release), 1, 1,
                Duration.ofMillis(200));
        Thread holder = Thread.ofPlatform().start(() -> bounded.matches("a", "b"));
        awaitUntil(() -> running.get() == 1); // the holder has the one core
        assertThatThrownBy(() -> bounded.matches("a", "b")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status().value()).isEqualTo(503));
        release.countDown();
        holder.join();
    }

    @Test
    void aHashBeyondTheWaitingRoomIsRefusedAtOnceAndTheRoomServesAgainOnceFree() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        BoundedHashing bounded = new BoundedHashing(new Recording(running, new AtomicInteger(), release), 1, 2,
                Duration.ofSeconds(30));
        List<Thread> admitted = new ArrayList<>();
        for (int i = 0; i < 3; i++) { // one hashing, two waiting
            admitted.add(Thread.ofPlatform().start(() -> bounded.matches("a", "b")));
        }
        awaitUntil(() -> running.get() == 1 && bounded.waiting() == 2);

        long started = System.nanoTime();
        assertThatThrownBy(() -> bounded.matches("a", "b")).isInstanceOfSatisfying(HashingBusy.class,
                e -> assertThat(e.code()).isEqualTo("service_unavailable"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("refused without waiting")
                .isLessThan(Duration.ofSeconds(1));

        release.countDown();
        for (Thread thread : admitted) {
            thread.join();
        }
        bounded.matches("a", "b");
    }

    private static void awaitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("the threads got where the test needs them").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    /** Counts how many run at once; each takes 50 ms, or until released. */
    private record Recording(AtomicInteger running, AtomicInteger most, CountDownLatch release)
            implements PasswordEncoder {

        @Override
        public String encode(CharSequence raw) {
            work();
            return "hash";
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            work();
            return false;
        }

        private void work() {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                if (release == null) {
                    Thread.sleep(50);
                } else {
                    release.await();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running.decrementAndGet();
            }
        }
    }
}
