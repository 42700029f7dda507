package dev.parley.gateway.ws.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The connections' worker threads: at most {@code connection-threads} run at once, every task runs once, and a
 * steady trickle of work stays on the thread that went idle last instead of going round every thread.
 */
class ConnectionWorkersTests {

    private ConnectionWorkers workers = new ConnectionWorkers(8, Duration.ofMinutes(1));

    @AfterEach
    void stop() {
        workers.destroy();
    }

    @Test
    void oneTaskAtATimeRunsOnTheThreadThatWentIdleLastNotOnEveryThreadInTurn() throws Exception {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < 200; i++) {
            CountDownLatch done = new CountDownLatch(1);
            AtomicReference<Thread> ranOn = new AtomicReference<>();
            workers.execute(() -> {
                threads.add(Thread.currentThread().getName());
                ranOn.set(Thread.currentThread());
                done.countDown();
            });
            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
            // the worker parks again before the next task, as between two sends (a fixed 1 ms was not always enough
            // on a loaded machine, and the next task then rightly started another thread)
            awaitParked(ranOn.get());
        }

        assertThat(threads).as("threads that ran 200 tasks one after another").hasSizeLessThanOrEqualTo(2)
                .allMatch(name -> name.startsWith("ws-work-"));
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
        awaitRunning(running, 8); // the rest wait: at the end, no more than 8 ever ran at once
        assertThat(running.get()).as("tasks blocked at once").isEqualTo(8);
        assertThat(workers.threads()).isEqualTo(8);

        release.countDown();
        assertThat(allRan.await(5, TimeUnit.SECONDS)).as("every task ran once the blocked ones ended").isTrue();
        assertThat(mostAtOnce.get()).isEqualTo(8);
    }

    @Test
    void everyTaskGivenFromManyThreadsAtOnceRunsExactlyOnce() throws Exception {
        int givers = 6;
        int perGiver = 20_000;
        AtomicIntegerArray runs = new AtomicIntegerArray(givers * perGiver);
        CountDownLatch done = new CountDownLatch(givers * perGiver);
        Thread[] threads = new Thread[givers];
        for (int g = 0; g < givers; g++) {
            int base = g * perGiver;
            threads[g] = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < perGiver; i++) {
                    int id = base + i;
                    workers.execute(() -> {
                        runs.incrementAndGet(id);
                        if (id % 1000 == 0) {
                            LockSupport.parkNanos(1_000_000); // now and then a task that blocks a little
                        }
                        done.countDown();
                    });
                    if (i % 500 == 0) {
                        LockSupport.parkNanos(200_000); // bursts and pauses, so threads go idle and are woken
                    }
                }
            });
        }
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(done.await(30, TimeUnit.SECONDS)).as("every task ran").isTrue();
        for (int i = 0; i < runs.length(); i++) {
            assertThat(runs.get(i)).as("runs of task %d", i).isEqualTo(1);
        }
        assertThat(workers.threads()).isLessThanOrEqualTo(8);
    }

    @Test
    void idleThreadsEndAfterTheirKeepAliveAndLaterWorkStartsNewOnes() throws Exception {
        workers.destroy();
        workers = new ConnectionWorkers(8, Duration.ofMillis(200));
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(4);
        for (int i = 0; i < 4; i++) {
            workers.execute(() -> {
                started.countDown();
                awaitQuietly(release);
            });
        }
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(workers.threads()).isEqualTo(4);
        release.countDown();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (workers.threads() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(workers.threads()).as("threads left a while after the work ended").isZero();

        CountDownLatch later = new CountDownLatch(1);
        workers.execute(later::countDown);
        assertThat(later.await(5, TimeUnit.SECONDS)).as("work given after every thread ended").isTrue();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Until the thread is parked with nothing to do (the workers' only timed wait). */
    private static void awaitParked(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (thread.getState() != Thread.State.TIMED_WAITING) {
            assertThat(System.nanoTime()).as("%s idle again", thread.getName()).isLessThan(deadline);
            Thread.sleep(1);
        }
    }

    private static void awaitRunning(AtomicInteger running, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (running.get() < count) {
            assertThat(System.nanoTime()).as("%d tasks running", count).isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}
