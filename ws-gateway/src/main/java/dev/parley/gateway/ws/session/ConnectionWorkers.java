package dev.parley.gateway.ws.session;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The threads that run connections' work: their frames, their opening and their end, each connection's one
 * at a time ({@link SerialExecutor}). Work may block — a token check, a membership lookup over HTTP, Redis —
 * so it never runs on an event loop; up to {@code connection-threads} run at once, as the servlet container's
 * request threads did. Platform threads: a virtual thread blocked in class loading pins its carrier, and with
 * a carrier per core a few of them wedged the whole process (ADR 0010).
 */
@Component
public class ConnectionWorkers implements Executor, DisposableBean {

    private final ThreadPoolExecutor pool;

    ConnectionWorkers(SessionProperties properties) {
        AtomicInteger names = new AtomicInteger();
        int threads = properties.connectionThreads();
        pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                task -> Thread.ofPlatform().name("ws-work-" + names.incrementAndGet()).daemon(true).unstarted(task));
        pool.allowCoreThreadTimeOut(true);
    }

    @Override
    public void execute(Runnable task) {
        pool.execute(task);
    }

    @Override
    public void destroy() {
        pool.shutdown();
    }
}
