package dev.parley.gateway.ws.session;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads that write to clients. A write takes microseconds unless its client stopped reading; then it
 * blocks until the client reads or the watchdog's send time limit closes it. A few threads do the common
 * case — one fan-out's hundred writes run on whichever of them is awake, without waking a thread each
 * (a pool of 512 woke one thread per frame: a context switch per delivery). Every {@code stall}, a watcher
 * adds a thread, up to {@code max}, while frames wait and every thread has been inside one write for
 * longer than that: a client that stops reading delays others by at most about {@code stall}, and it
 * takes {@code max} such clients at once to delay everyone up to the send time limit (docs/security.md).
 */
final class WriterPool implements Executor {

    private static final Logger log = LoggerFactory.getLogger(WriterPool.class);

    private final LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private final Set<Worker> workers = ConcurrentHashMap.newKeySet();
    private final AtomicInteger names = new AtomicInteger();
    private final int max;
    private final long stallNanos;
    private final long idleMillis;
    private final Thread watcher;
    private volatile boolean stopped;

    WriterPool(int min, int max, long stallNanos, long idleMillis) {
        this.max = max;
        this.stallNanos = stallNanos;
        this.idleMillis = idleMillis;
        for (int i = 0; i < min; i++) {
            start(true);
        }
        watcher = Thread.ofPlatform().name("ws-writer-watch").daemon(true).start(this::watch);
    }

    @Override
    public void execute(Runnable task) {
        if (stopped) {
            throw new IllegalStateException("the writers have stopped");
        }
        tasks.add(task);
    }

    int threads() {
        return workers.size();
    }

    void shutdown() {
        stopped = true;
        watcher.interrupt();
        workers.forEach(worker -> worker.thread.interrupt());
    }

    private void watch() {
        long pauseNanos = Math.max(stallNanos / 2, 100_000);
        while (!stopped) {
            try {
                TimeUnit.NANOSECONDS.sleep(pauseNanos);
            } catch (InterruptedException e) {
                return;
            }
            if (!tasks.isEmpty() && workers.size() < max && everyWorkerStalled()) {
                start(false);
            }
        }
    }

    private boolean everyWorkerStalled() {
        long now = System.nanoTime();
        for (Worker worker : workers) {
            long since = worker.busySince;
            if (since == 0 || now - since < stallNanos) {
                return false;
            }
        }
        return true;
    }

    private void start(boolean permanent) {
        Worker worker = new Worker(permanent);
        workers.add(worker);
        worker.thread = Thread.ofPlatform().name("ws-writer-" + names.getAndIncrement()).daemon(true).start(worker);
    }

    private final class Worker implements Runnable {

        private final boolean permanent;
        private volatile long busySince;
        private Thread thread;

        Worker(boolean permanent) {
            this.permanent = permanent;
        }

        @Override
        public void run() {
            try {
                while (!stopped) {
                    Runnable task = permanent ? tasks.take() : tasks.poll(idleMillis, TimeUnit.MILLISECONDS);
                    if (task == null) {
                        return; // an extra thread that found nothing to do for a while
                    }
                    busySince = System.nanoTime();
                    try {
                        task.run();
                    } catch (RuntimeException e) {
                        log.warn("A write to a client failed unexpectedly", e);
                    } finally {
                        busySince = 0;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                workers.remove(this);
            }
        }
    }
}
