package dev.parley.bench.faults;

import dev.parley.bench.report.Progress;
import dev.parley.infra.launcher.Platform;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One fault after the other, under load: kill -9, leave it down for {@code down}, start it again (which
 * waits until it is ready), wait — at most {@code liveTimeout} — until every client is live again, let the
 * load settle, go on. A freeze is SIGSTOP for {@code frozen}, then SIGCONT and a wait until it reports ready;
 * meanwhile new clients ask the public entry for history and for a WebSocket ({@link NewRequestsDuringFreeze}).
 * The target that is down is kept where a shutdown hook can start or thaw it again on Ctrl-C.
 */
final class FaultRounds {

    private final Platform platform;
    private final List<FaultClient> clients;
    private final Progress progress;
    private final Duration down;
    private final Duration frozen;
    private final NewRequestsDuringFreeze newRequests;
    private final Duration liveTimeout;
    private final Duration settle;
    private final long originNanos;
    private final AtomicReference<FaultTarget> isDown = new AtomicReference<>();

    FaultRounds(Platform platform, List<FaultClient> clients, Progress progress, Duration down, Duration frozen,
                NewRequestsDuringFreeze newRequests, Duration liveTimeout, Duration settle, long originNanos) {
        this.platform = platform;
        this.clients = clients;
        this.progress = progress;
        this.down = down;
        this.frozen = frozen;
        this.newRequests = newRequests;
        this.liveTimeout = liveTimeout;
        this.settle = settle;
        this.originNanos = originNanos;
    }

    /** Starts again whatever a round left down (Ctrl-C in the middle of a round). */
    void restoreIfDown() {
        FaultTarget target = isDown.getAndSet(null);
        if (target != null) {
            try {
                target.recover(platform);
            } catch (RuntimeException e) {
                progress.say("  could not recover " + target.name() + ": " + e.getMessage());
            }
        }
    }

    FaultRecord run(FaultTarget target) {
        clients.forEach(client -> client.fault(target.name()));
        long killedAt = System.nanoTime();
        Duration away = target.freeze() ? frozen : down;
        progress.say(target.freeze() ? "  kill -STOP " + target.name() + " for " + away.toSeconds() + " s"
                : "  kill -9 " + target.name());
        NewRequestsDuringFreeze.Round asking = null;
        try {
            isDown.set(target);
            asking = target.freeze() ? newRequests.start(target.component(), frozen) : null;
            target.strike(platform);
            sleep(away.toMillis());
            progress.say(target.freeze() ? "  kill -CONT " + target.name() : "  starting " + target.name() + " again");
            target.recover(platform);
            if (asking != null) {
                asking.thawed(System.nanoTime());
            }
            isDown.set(null);
            if (target.freeze()) {
                awaitReady(target);
            }
        } catch (RuntimeException e) {
            return new FaultRecord(target.name(), seconds(killedAt), away.toMillis(), -1, -1, 0, clients.size(), "",
                    List.of(), e.getMessage());
        }
        long readyAt = System.nanoTime();
        clients.forEach(client -> client.awaitLive(readyAt));
        long deadline = readyAt + liveTimeout.toNanos();
        while (System.nanoTime() < deadline && clients.stream().anyMatch(client -> client.liveAtNanos() < 0)) {
            sleep(100);
        }
        List<NewRequestsDuringFreeze.NewRequest> asked = asking == null ? List.of() : asking.await();
        List<FaultClient> live = clients.stream().filter(client -> client.liveAtNanos() >= 0).toList();
        FaultClient slowest = live.size() < clients.size()
                ? clients.stream().filter(client -> client.liveAtNanos() < 0).findFirst().orElseThrow()
                : live.stream().max(Comparator.comparingLong(FaultClient::liveAtNanos)).orElseThrow();
        long liveAfter = live.size() < clients.size() ? -1 : (slowest.liveAtNanos() - killedAt) / 1_000_000;
        FaultRecord record = new FaultRecord(target.name(), seconds(killedAt), away.toMillis(),
                (readyAt - killedAt) / 1_000_000, liveAfter, live.size(), clients.size(), slowest.identity.label(), asked,
                null);
        progress.say(String.format("  %s: ready again after %.1f s, every client live after %s (last: %s)", target.name(),
                record.readyAfterMillis() / 1000.0, liveAfter < 0 ? "— not all: " + live.size() + "/" + clients.size()
                        + " within " + liveTimeout.toSeconds() + " s" : String.format("%.1f s", liveAfter / 1000.0),
                slowest.identity.label()));
        if (!asked.isEmpty()) {
            progress.say("  new requests during the freeze: " + record.newRequestsSummary());
        }
        sleep(settle.toMillis());
        clients.forEach(client -> client.fault("none"));
        return record;
    }

    /** A thawed process reports ready again on its own (a service's health may have gone down meanwhile). */
    private void awaitReady(FaultTarget target) {
        long deadline = System.nanoTime() + liveTimeout.toNanos();
        while (!target.isHealthy(platform)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(target.name() + " not ready " + liveTimeout.toSeconds() + " s after SIGCONT");
            }
            sleep(200);
        }
    }

    private double seconds(long nanos) {
        return (nanos - originNanos) / 1e9;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
