package dev.parley.gateway.ws.session;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one connection's work — its frames, its opening and its end — one task at a time and in the order
 * given, on threads of a shared pool: the event loops only read and write, and whatever may block (a
 * token check, a lookup over HTTP, Redis) happens here, never holding up another connection's bytes.
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

    /** Tasks given and not finished yet. */
    public int pending() {
        return pending.get();
    }

    private void runAll() {
        do {
            Runnable task = tasks.poll();
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("A connection's task failed", e);
            }
        } while (pending.decrementAndGet() > 0);
    }
}
