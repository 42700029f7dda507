package dev.parley.bench.idle;

import dev.parley.bench.measure.Latencies;
import dev.parley.bench.ws.ClientRetries;
import dev.parley.bench.ws.Frame;
import dev.parley.bench.ws.FrameListener;
import dev.parley.bench.ws.WsClient;
import dev.parley.bench.ws.WsConnection;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * One worker's share of W2's idle connections: connection {@code i} (every {@code stride}-th from
 * {@code offset}) is opened at {@code start + i / rate}, so all workers together open them at the
 * overall rate; opening stops at the first failure (after retries of an upgrade answered 503). Then they are
 * kept alive with pings and closed.
 */
final class IdleConnections implements FrameListener, AutoCloseable {

    /** Handshakes waiting for {@code ready} at most; beyond it the opening waits (and its latency shows it). */
    private static final int MAX_IN_FLIGHT = 2000;

    private final WsClient client;
    private final URI endpoint;
    private final List<String> tokens;
    private final int perUser;
    private final List<WsConnection> opened = new ArrayList<>();
    private final Latencies connectLatencies = new Latencies("connect→ready");
    private final AtomicInteger ready = new AtomicInteger();
    private final AtomicLong pongs = new AtomicLong();
    private final Map<Integer, AtomicInteger> closes = new ConcurrentHashMap<>();
    private final AtomicInteger closedByServer = new AtomicInteger();
    private final AtomicReference<String> firstFailure = new AtomicReference<>();
    private final AtomicInteger upgradeRetries = new AtomicInteger();
    private volatile boolean stopped;
    private volatile long heartbeatMs = 25_000;

    /** @param tokens an access token per user; connection i uses user i / perUser */
    IdleConnections(WsClient client, URI endpoint, List<String> tokens, int perUser) {
        this.client = client;
        this.endpoint = endpoint;
        this.tokens = tokens;
        this.perUser = perUser;
    }

    /**
     * Opens this worker's connections below {@code target}; returns once each is ready or failed. An upgrade
     * answered 503 is opened again as {@link ClientRetries} says, as a client would (a
     * ws-gateway too busy to take a connection in time, on a platform that just started); only then is it the
     * failure that ends the ramp, as at a full ws-gateway, which refuses every further upgrade with 503.
     */
    void ramp(int target, double rate, long startNanos, int offset, int stride) throws InterruptedException {
        Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
        List<CompletableFuture<Frame>> pending = new ArrayList<>();
        try (ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("idle-upgrade-retries").factory())) {
            for (int i = offset; i < target && opening(); i += stride) {
                long intended = startNanos + (long) (i * 1e9 / rate);
                long wait = intended - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                inFlight.acquire();
                CompletableFuture<Frame> outcome = new CompletableFuture<>();
                open(i, intended, 0, outcome, retries);
                pending.add(outcome.whenComplete((frame, failure) -> inFlight.release()));
            }
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                    .exceptionally(failure -> null).completeOnTimeout(null, 30, TimeUnit.SECONDS).join();
        }
    }

    /**
     * Opens connection {@code index} and completes {@code outcome} with its {@code ready} frame, or with its
     * failure; an upgrade answered 503 is opened again ({@link ClientRetries}), unless opening has ended by then.
     */
    private void open(int index, long intended, int retry, CompletableFuture<Frame> outcome,
                      ScheduledExecutorService retries) {
        WsConnection connection = client.connect(endpoint, tokens.get(index / perUser), index, this);
        synchronized (opened) {
            opened.add(connection);
        }
        connection.ready().whenComplete((frame, failure) -> {
            if (failure == null) {
                ready.incrementAndGet();
                heartbeatMs = frame.heartbeatMs() > 0 ? frame.heartbeatMs() : heartbeatMs;
                connectLatencies.record(0, (System.nanoTime() - intended) / 1000);
                outcome.complete(frame);
            } else if (retry < ClientRetries.TIMES && connection.upgradeRefusedForNow() && opening()) {
                upgradeRetries.incrementAndGet();
                retries.schedule(() -> {
                    if (opening()) {
                        open(index, intended, retry + 1, outcome, retries);
                    } else {
                        outcome.completeExceptionally(failure);
                    }
                }, ClientRetries.AFTER.toMillis(), TimeUnit.MILLISECONDS);
            } else {
                firstFailure.compareAndSet(null, "connection " + index + ": " + describe(failure)
                        + (retry > 0 ? " (after " + retry + " retries)" : ""));
                outcome.completeExceptionally(failure);
            }
        });
    }

    /** Whether connections are still being opened: no failure here, and no other worker's ({@link #stop}). */
    private boolean opening() {
        return !stopped && firstFailure.get() == null;
    }

    /** Stops opening (another worker failed). */
    void stop() {
        stopped = true;
    }

    /**
     * One second of holding: the connections whose turn it is send {@code ping}, so each pings once
     * per heartbeat interval (the server's own WebSocket pings are answered by the client library).
     */
    void heartbeat(long second) {
        long slots = Math.max(1, heartbeatMs / 1000);
        for (WsConnection connection : connections()) {
            if (connection.index() % slots == second % slots && connection.isOpen()) {
                connection.send("{\"type\":\"ping\"}");
            }
        }
    }

    int attempted() {
        return connections().size();
    }

    int ready() {
        return ready.get();
    }

    /** Upgrades answered 503 and opened again. */
    int upgradeRetries() {
        return upgradeRetries.get();
    }

    int openCount() {
        return (int) connections().stream().filter(WsConnection::isOpen).count();
    }

    int closedByServer() {
        return closedByServer.get();
    }

    String firstFailure() {
        return firstFailure.get();
    }

    Latencies connectLatencies() {
        return connectLatencies;
    }

    long pongs() {
        return pongs.get();
    }

    Map<Integer, Integer> closes() {
        Map<Integer, Integer> counts = new TreeMap<>();
        closes.forEach((code, count) -> counts.put(code, count.get()));
        return counts;
    }

    @Override
    public void onFrame(WsConnection connection, Frame frame, long receivedNanos) {
        if (frame.is("pong")) {
            pongs.incrementAndGet();
        }
    }

    @Override
    public void onClosed(WsConnection connection, int code, String reason) {
        if (!connection.closedByUs() && connection.ready().isDone() && !connection.ready().isCompletedExceptionally()) {
            closedByServer.incrementAndGet();
            closes.computeIfAbsent(code, c -> new AtomicInteger()).incrementAndGet();
        }
    }

    /** Closes every connection, a thousand a second, and waits for them to end (≤ 30 s). */
    @Override
    public void close() {
        List<WsConnection> all = connections();
        for (int i = 0; i < all.size(); i++) {
            all.get(i).close();
            if (i % 1000 == 999) {
                LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
            }
        }
        CompletableFuture.allOf(all.stream().map(WsConnection::closed).toArray(CompletableFuture[]::new))
                .completeOnTimeout(null, 30, TimeUnit.SECONDS).join();
    }

    private List<WsConnection> connections() {
        synchronized (opened) {
            return List.copyOf(opened);
        }
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        String text = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        if (text.contains("Too many open files")) {
            return text + " (the bench worker ran out of file descriptors: ulimit -n)";
        }
        return text;
    }
}
