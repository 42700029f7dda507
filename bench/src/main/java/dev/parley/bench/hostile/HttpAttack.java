package dev.parley.bench.hostile;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends fuzzed requests through the edge, a bounded number at a time, from several attacker addresses
 * (each its own client, bound to its address), and judges every answer by {@link HttpVerdict}.
 */
final class HttpAttack implements AutoCloseable {

    private final String baseUrl;
    private final List<HttpClient> clients = new ArrayList<>();
    private final Semaphore inFlight;
    private final Tally tally;
    private final AtomicInteger sent = new AtomicInteger();

    HttpAttack(String baseUrl, List<InetAddress> addresses, int concurrency, Tally tally) {
        this.baseUrl = baseUrl;
        for (InetAddress address : addresses) {
            clients.add(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).localAddress(address)
                    .connectTimeout(Duration.ofSeconds(5)).build());
        }
        this.inFlight = new Semaphore(concurrency);
        this.tally = tally;
    }

    /**
     * Sends {@code count} requests of the generator at {@code perSecond} (fewer when the answers are slower
     * than that with the bounded number in flight), and returns once every one is answered or failed.
     */
    void run(FuzzedRequests requests, int count, double perSecond) throws InterruptedException {
        List<CompletableFuture<?>> pending = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            FuzzedRequests.FuzzRequest request = requests.next();
            long due = start + (long) (i * 1e9 / perSecond);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            inFlight.acquire();
            CompletableFuture<?> done = send(request).whenComplete((answer, failure) -> inFlight.release());
            pending.add(done);
            if (pending.size() > 1_000) {
                pending.removeIf(CompletableFuture::isDone);
            }
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
    }

    int sent() {
        return sent.get();
    }

    private CompletableFuture<?> send(FuzzedRequests.FuzzRequest request) {
        HttpRequest built;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + request.pathAndQuery()))
                    // Past the edge's own limit on a service (30 s, then 504): a service that hangs is told apart
                    // from an edge that does.
                    .timeout(Duration.ofSeconds(40))
                    .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(request.body()));
            request.headers().forEach(builder::header);
            built = builder.build();
        } catch (IllegalArgumentException e) {
            tally.count("http not sendable by the client library");
            return CompletableFuture.completedFuture(null);
        }
        sent.incrementAndGet();
        HttpClient client = clients.get(Math.floorMod(sent.get(), clients.size()));
        return client.sendAsync(built, HttpResponse.BodyHandlers.ofString())
                .handle((response, failure) -> {
                    if (failure != null) {
                        Throwable cause = failure.getCause() == null ? failure : failure.getCause();
                        if (cause instanceof IOException && request.body() != null && request.body().length > 65_536) {
                            // the edge answered 413 and closed while the rest of a huge body was still being sent
                            tally.count("http oversized body cut off");
                        } else {
                            tally.fail(HttpVerdict.NO_ANSWER, request.describe() + " → " + cause);
                        }
                    } else {
                        HttpVerdict.judge(response, request.describe(), tally);
                    }
                    return null;
                });
    }

    @Override
    public void close() {
        clients.forEach(HttpClient::close);
    }
}
