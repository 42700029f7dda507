package dev.parley.gateway.ws.session;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The threads that run connections' work: their frames, their opening and their end, each connection's one
 * at a time ({@link SerialExecutor}). Work may block — a token check, a membership lookup over HTTP, Redis —
 * so it never runs on an event loop; up to {@code connection-threads} run at once, as the servlet container's
 * request threads did. Platform threads: a virtual thread blocked in class loading pins its carrier, and with
 * a carrier per core a few of them wedged the whole process (ADR 0010).
 *
 * <p>Work goes to the thread that went idle last. A thread pool over one shared queue wakes the one idle longest,
 * so a steady stream of sends went round all 200 threads, each task on a thread with cold caches, and none of
 * them ever expired; here the few threads a load needs do its work, and the others end after a minute idle
 * (docs/performance.md). Tasks run in the order given; a thread is started only when none is idle.
 */
@Component
public class ConnectionWorkers implements Executor, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ConnectionWorkers.class);

    private final int maxThreads;
    private final long keepAliveNanos;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /** Idle threads, the one that went idle last first. */
    private final ConcurrentLinkedDeque<Worker> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger threads = new AtomicInteger();
    private final AtomicInteger names = new AtomicInteger();
    private volatile boolean stopped;

    @Autowired
    ConnectionWorkers(SessionProperties properties) {
        this(properties.connectionThreads(), Duration.ofMinutes(1));
    }

    ConnectionWorkers(int maxThreads, Duration keepAlive) {
        this.maxThreads = maxThreads;
        this.keepAliveNanos = keepAlive.toNanos();
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        Worker worker;
        while ((worker = idle.pollFirst()) != null) {
            if (worker.claim()) {
                LockSupport.unpark(worker.thread);
                return;
            }
            // an entry its worker had already taken back (it found work, timed out or was stopped)
        }
        startIfBelowMax();
    }

    /** Threads alive now, idle or not. */
    int threads() {
        return threads.get();
    }

    @Override
    public void destroy() {
        stopped = true;
        for (Worker worker : idle) {
            LockSupport.unpark(worker.thread);
        }
    }

    private void startIfBelowMax() {
        int now;
        do {
            now = threads.get();
            if (now >= maxThreads) {
                return; // a busy thread takes the task when it finishes its own
            }
        } while (!threads.compareAndSet(now, now + 1));
        Worker worker = new Worker();
        worker.thread = Thread.ofPlatform().name("ws-work-" + names.incrementAndGet()).daemon(true).unstarted(worker);
        worker.thread.start();
    }

    private final class Worker implements Runnable {

        private volatile Thread thread;
        /** Listed idle and not yet claimed, by {@link #execute} (which hands it work) or by itself. */
        private final AtomicBoolean waiting = new AtomicBoolean();

        /** Takes this worker off duty as idle: true for the one caller that does so. */
        boolean claim() {
            return waiting.compareAndSet(true, false);
        }

        @Override
        public void run() {
            try {
                work();
            } finally {
                idle.remove(this);
                threads.decrementAndGet();
                if (!tasks.isEmpty() && !stopped) {
                    startIfBelowMax(); // given while this one was ending, when no other was idle
                }
            }
        }

        private void work() {
            while (true) {
                Runnable task = tasks.poll();
                if (task != null) {
                    run(task);
                    continue;
                }
                if (stopped) {
                    return;
                }
                waiting.set(true);
                idle.addFirst(this);
                if (!tasks.isEmpty() && claim()) {
                    idle.remove(this); // rare: given between the poll and going idle, when this one could not be woken
                    continue;
                }
                long parkedAt = System.nanoTime();
                LockSupport.parkNanos(this, keepAliveNanos);
                if (claim()) {
                    // not handed work (timed out, stopped, or a spurious wake-up): rare, so the scan is affordable
                    idle.remove(this);
                    if (stopped || System.nanoTime() - parkedAt >= keepAliveNanos) {
                        return;
                    }
                }
                // else execute() claimed this one, took it off the idle list and woke it: its task is in the queue,
                // and nothing here scans the list
            }
        }

        private void run(Runnable task) {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("A connection's task failed", e);
            }
        }
    }
}
