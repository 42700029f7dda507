package dev.parley.gateway.ws.session;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one connection's work — its frames, its opening and its end — one task at a time and in the order
 * given, on threads of a shared pool — or, for work that never blocks and a connection with nothing else to
 * do, on the calling event loop ({@link #runHereIfIdle}). Whatever may block (a token check, a lookup over
 * HTTP, Redis) happens on the pool, never holding up another connection's bytes.
 */
public final class SerialExecutor implements Executor {

    private static final Logger log = LoggerFactory.getLogger(SerialExecutor.class);

    private final Executor pool;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();

    public SerialExecutor(Executor pool) {
        this.pool = pool;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        if (pending.getAndIncrement() == 0) {
            pool.execute(this::runAll);
        }
    }

    /**
     * Runs the task on the calling thread, now, if the connection has no work given or running — the same
     * order as {@link #execute}, without handing it to a pool thread; otherwise leaves it to the caller.
     * Only for work that never blocks. What is given meanwhile runs after it, on the pool.
     *
     * @return whether the task ran
     */
    public boolean runHereIfIdle(Runnable task) {
        if (!pending.compareAndSet(0, 1)) {
            return false;
        }
        run(task);
        if (pending.decrementAndGet() > 0) {
            pool.execute(this::runAll);
        }
        return true;
    }

    /** Tasks given and not finished yet. */
    public int pending() {
        return pending.get();
    }

    private void runAll() {
        do {
            run(tasks.poll());
        } while (pending.decrementAndGet() > 0);
    }

    private static void run(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.warn("A connection's task failed", e);
        }
    }
}
