package dev.parley.gateway.ws.session;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one connection's work — its frames, its opening and its end — one task at a time and in the order
 * given, on threads of a shared pool — or, for work that never blocks and a connection with nothing else to
 * do, on the calling event loop ({@link #runHereIfIdle}). Whatever may block (a token check, a lookup over
 * HTTP, Redis) happens on the pool, never holding up another connection's bytes. A task that has to wait for
 * something slower still (seconds) leaves the rest of its work to {@link #continueWhen}: the connection's later
 * work waits for it, no thread does.
 */
public final class SerialExecutor implements Executor {

    private static final Logger log = LoggerFactory.getLogger(SerialExecutor.class);

    private final Executor pool;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    /** The rest of the running task, once it can run ({@link #continueWhen}); set and taken by its thread. */
    private CompletionStage<Runnable> continuation;

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
        if (!ranUntilItWaits(task) && pending.decrementAndGet() > 0) {
            pool.execute(this::runAll);
        }
        return true;
    }

    /**
     * Only from the task running now: the task is finished by {@code then}, with the stage's result ({@code null}
     * if it failed), once the stage completes — and the work given meanwhile runs after that, in order. No thread
     * waits in between: {@code then} runs on the pool.
     */
    public <T> void continueWhen(CompletionStage<T> stage, Consumer<? super T> then) {
        continuation = stage.handle((result, failure) -> () -> then.accept(failure == null ? result : null));
    }

    /** Tasks given and not finished yet. */
    public int pending() {
        return pending.get();
    }

    private void runAll() {
        while (!ranUntilItWaits(tasks.poll()) && pending.decrementAndGet() > 0) {
            // next task
        }
    }

    /** Runs the task; {@code true} when it left a continuation, which takes the rest of the work on when it runs. */
    private boolean ranUntilItWaits(Runnable task) {
        run(task);
        CompletionStage<Runnable> later = continuation;
        if (later == null) {
            return false;
        }
        continuation = null;
        later.thenAccept(rest -> pool.execute(() -> {
            if (!ranUntilItWaits(rest) && pending.decrementAndGet() > 0) {
                runAll();
            }
        }));
        return true;
    }

    private static void run(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.warn("A connection's task failed", e);
        }
    }
}
