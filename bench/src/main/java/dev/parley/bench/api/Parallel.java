package dev.parley.bench.api;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/** Set-up calls through the API, {@code concurrency} at a time on virtual threads, results in index order. */
public final class Parallel {

    private Parallel() {
    }

    public interface Task<T> {
        T run(int index) throws Exception;
    }

    /** @param what names the work in the exception that the first failing task ends it with */
    public static <T> List<T> run(int count, int concurrency, String what, Task<T> task) {
        Semaphore permits = new Semaphore(concurrency);
        List<Future<T>> futures = new ArrayList<>(count);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(executor.submit(() -> {
                    permits.acquire();
                    try {
                        return task.run(index);
                    } finally {
                        permits.release();
                    }
                }));
            }
            List<T> results = new ArrayList<>(count);
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
