package dev.parley.gateway.ws.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A connection's work: one task at a time, in the order given, whether it runs on the pool or where it was given. */
class SerialExecutorTests {

    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private final SerialExecutor work = new SerialExecutor(pool);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void aConnectionWithNothingToDoRunsTheTaskOnTheCallingThread() {
        Thread caller = Thread.currentThread();
        List<Thread> ranOn = new CopyOnWriteArrayList<>();

        assertThat(work.runHereIfIdle(() -> ranOn.add(Thread.currentThread()))).isTrue();

        assertThat(ranOn).containsExactly(caller);
        assertThat(work.pending()).isZero();
    }

    @Test
    void whileATaskIsGivenOrRunningNothingRunsBesideIt() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        work.execute(() -> {
            running.countDown();
            await(release);
        });
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
        AtomicInteger ran = new AtomicInteger();

        assertThat(work.runHereIfIdle(ran::incrementAndGet)).isFalse();

        release.countDown();
        assertThat(ran).hasValue(0);
    }

    @Test
    void whatIsGivenWhileATaskRunsHereRunsAfterItOnThePoolInOrder() throws Exception {
        List<String> order = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(2);

        boolean ranHere = work.runHereIfIdle(() -> {
            work.execute(() -> {
                order.add("second");
                done.countDown();
            });
            work.execute(() -> {
                order.add("third");
                done.countDown();
            });
            sleep(50); // the pool must not start them meanwhile
            order.add("first");
        });

        assertThat(ranHere).isTrue();
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(order).containsExactly("first", "second", "third");
        assertThat(idleWithin5Seconds()).isTrue();
    }

    @Test
    void aFailingTaskRunHereLeavesTheConnectionsWorkGoing() throws Exception {
        assertThat(work.runHereIfIdle(() -> {
            throw new IllegalStateException("broken on purpose");
        })).isTrue();
        CountDownLatch next = new CountDownLatch(1);

        work.execute(next::countDown);

        assertThat(next.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(idleWithin5Seconds()).isTrue();
        assertThat(work.runHereIfIdle(() -> { })).isTrue();
    }

    @Test
    void aTaskThatContinuesLaterHoldsBackTheWorkGivenMeanwhileButNoThread() throws Exception {
        ExecutorService oneThread = Executors.newSingleThreadExecutor();
        try {
            SerialExecutor held = new SerialExecutor(oneThread);
            List<String> order = new CopyOnWriteArrayList<>();
            CompletableFuture<String> outcome = new CompletableFuture<>();
            CountDownLatch done = new CountDownLatch(1);
            held.execute(() -> {
                order.add("first");
                held.continueWhen(outcome, result -> order.add("first, then " + result));
            });
            held.execute(() -> {
                order.add("second");
                done.countDown();
            });

            assertThat(oneThread.submit(() -> "the pool's only thread is free").get(5, TimeUnit.SECONDS)).isNotNull();
            assertThat(order).containsExactly("first");
            assertThat(held.pending()).isEqualTo(2);

            outcome.complete("probed");
            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(order).containsExactly("first", "first, then probed", "second");
        } finally {
            oneThread.shutdownNow();
        }
    }

    /** The pool's thread counts a task done just after running it. */
    private boolean idleWithin5Seconds() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (work.pending() > 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        return work.pending() == 0;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
