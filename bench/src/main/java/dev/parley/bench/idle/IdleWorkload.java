package dev.parley.bench.idle;

import dev.parley.bench.BenchContext;
import dev.parley.bench.PlatformWarmUp;
import dev.parley.bench.RunRecorder;
import dev.parley.bench.WebSocketEntry;
import dev.parley.bench.Workload;
import dev.parley.bench.api.BenchUser;
import dev.parley.bench.api.ParleyApi;
import dev.parley.bench.measure.GatewayProbe;
import dev.parley.bench.report.BenchResult;
import dev.parley.bench.report.LatencySummary;
import dev.parley.infra.launcher.Component;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * W2 idle: authenticated connections to one ws-gateway — through the public entry unless {@code --via
 * ws-gateway} — opened at a steady rate until the target count or the first failure (an upgrade still answered
 * 503 after a client's retries, {@link dev.parley.bench.ws.ClientRetries}), then held with heartbeats; reports how
 * many were held and what each costs the gateway in heap (live data, after a full GC) and resident memory. The
 * clients live in worker processes ({@link IdleWorker}) so that the bench's own open-files limit is not the one that
 * is met.
 *
 * <p>A cold platform is warmed up first, as for W1: connections opened and closed again by users of their own, at
 * {@code --warmup-connect-rate} (100 a second), while a platform JVM still compiles
 * ({@link BenchContext#platformWarmUpUntilCompiled()}). Right after a start, the edge and ws-gateway set up 100–250
 * connections a second on a slow machine and the default ramp of 500 a second stopped at its first client left
 * waiting 20 s: that measured the JIT, not what a connection holds. {@code --platform-warmup 0} measures that storm.
 */
public final class IdleWorkload implements Workload {

    static final int BAR = 20_000;
    /** Connections a second during the warm-up: what a cold platform set up on the slowest machine measured. */
    private static final double WARM_UP_RATE = 100;
    /** Of each warm-up slice, besides the worker's start: the time to close its connections. */
    private static final Duration WARM_UP_CLOSING = Duration.ofSeconds(2);

    @Override
    public BenchResult run(BenchContext context) throws Exception {
        var options = context.options();
        int target = options.integer("connections", BAR);
        int perUser = options.integer("connections-per-user", 10);
        double rate = options.decimal("connect-rate", 500);
        Duration hold = options.duration("hold", Duration.ofSeconds(60));
        int workers = options.integer("workers", workersFor(target));
        PlatformWarmUp platformWarmUp = context.platformWarmUpUntilCompiled();
        double warmUpRate = options.decimal("warmup-connect-rate", Math.min(rate, WARM_UP_RATE));
        WebSocketEntry entry = context.webSocket();
        URI endpoint = entry.uri();
        GatewayProbe probe = new GatewayProbe(context.platform().layout().serviceUrl(Component.WS_GATEWAY),
                context.platform().processes().get(Component.WS_GATEWAY.id()));
        ParleyApi api = context.api();
        try (RunRecorder recorder = new RunRecorder(context, "W2 idle: connections held by one ws-gateway")) {
            recorder.entry(List.of(entry));
            int measuredUsers = (target + perUser - 1) / perUser;
            // the warm-up's users are not the ramp's: a closed connection still counted against its user's ten
            // (contract §3) would refuse one of the ramp's with 4008
            int warmUpUsers = (int) Math.ceil(warmUpRate * PlatformWarmUp.SLICE_SECONDS / perUser);
            List<BenchUser> registered = context.users(api, measuredUsers + warmUpUsers);
            Path warmUpTokens = tokenFile(registered.subList(measuredUsers, registered.size()));
            Duration platformWarmedUp;
            try {
                platformWarmedUp = platformWarmUp.run((sent, slice) -> churn(warmUpTokens, endpoint, perUser,
                        warmUpRate, slice, options.string("source-addresses", "127.0.0.2-127.0.0.9"),
                        options.integer("threads", 2)));
            } finally {
                Files.deleteIfExists(warmUpTokens);
            }
            recorder.detail("platformWarmUpSeconds", platformWarmedUp.toSeconds());
            // Access tokens last 15 minutes (contract §2) and ws-gateway closes a connection whose token ran out with
            // 4001 unless the client sends a fresh one, which these idle clients do not: the ramp's tokens are taken
            // now, not before the warm-up and a set-up that registered two thousand users (on a new platform of the
            // slowest VM that took ten minutes, and 275 connections were closed 4001 during a 10-s hold).
            List<BenchUser> users = context.users(api, measuredUsers);
            Path tokens = tokenFile(users);
            GatewayProbe.Snapshot before = probe.snapshot(true);
            if (before.maxOpenFiles() < target + 200L) {
                recorder.note("ws-gateway (pid " + probe.pid() + ") may open at most " + before.maxOpenFiles()
                        + " files and holds " + before.openFiles() + " before the run: it cannot hold " + target
                        + " connections (the hard limit of open files, ulimit -Hn, caps it).");
            }
            context.progress().say(String.format("  opening up to %d connections at %.0f/s to %s, %d per user, "
                    + "from %d bench worker process(es)", target, rate, endpoint, perUser, workers));
            long rampStart = System.nanoTime();
            try (IdleWorkers clients = new IdleWorkers(workers, endpoint, tokens, perUser, target, rate,
                    options.string("source-addresses", "127.0.0.2-127.0.0.9"), options.integer("threads", 2))) {
                clients.awaitRamp(() -> {
                    IdleWorkers.Totals totals = clients.totals();
                    context.progress().status(String.format(
                            "  [%5.0f s ramp] attempted %d  ready %d  upgrades retried after 503: %d  failed: %s",
                            (System.nanoTime() - rampStart) / 1e9, totals.attempted(), totals.ready(),
                            totals.upgradeRetries(), clients.firstFailure() == null ? "none" : "yes"));
                });
                Files.deleteIfExists(tokens);
                context.platformLoaded();
                GatewayProbe.Snapshot atRampEnd = probe.snapshot(false);
                IdleWorkers.Totals ramped = clients.totals();
                context.progress().say(String.format("  %d ready (first failure: %s); holding them for %d s",
                        ramped.ready(), clients.firstFailure() == null ? "none" : clients.firstFailure(), hold.toSeconds()));
                long holdStart = System.nanoTime();
                for (long second = 1; second <= hold.toSeconds(); second++) {
                    Thread.sleep(Math.max(0, holdStart + second * 1_000_000_000L - System.nanoTime()) / 1_000_000);
                    IdleWorkers.Totals totals = clients.totals();
                    context.progress().status(String.format("  [%5d s hold] open %d  pongs %d  closed by the server %d",
                            second, totals.open(), totals.pongs(), totals.closedByServer() - ramped.closedByServer()));
                }
                recorder.resources(holdStart, System.nanoTime());
                GatewayProbe.Snapshot after = probe.snapshot(true);
                IdleWorkers.Totals held = clients.totals();
                context.progress().say("  " + held.open() + " connections held; closing them");
                Histogram connect = clients.closeAll();
                record(recorder, connect, before, atRampEnd, after, ramped, held, clients.firstFailure());
                recorder.detail("connectRatePerSecond", rate);
                recorder.detail("workers", workers);
            } finally {
                Files.deleteIfExists(tokens);
            }
            recorder.detail("endpoint", endpoint.toString());
            return recorder.result();
        }
    }

    private static void record(RunRecorder recorder, Histogram connect, GatewayProbe.Snapshot before,
                               GatewayProbe.Snapshot atRampEnd, GatewayProbe.Snapshot after, IdleWorkers.Totals ramped,
                               IdleWorkers.Totals held, String firstFailure) {
        int open = held.open();
        int dropped = held.closedByServer() - ramped.closedByServer();
        long heapPerConnection = open == 0 ? 0 : (after.heapUsedBytes() - before.heapUsedBytes()) / open;
        long rssPerConnection = open == 0 ? 0 : (after.rssBytes() - before.rssBytes()) / open;
        recorder.latency(LatencySummary.of("connect→ready", connect));
        recorder.check("authenticated idle connections held on one ws-gateway", "≥ " + BAR, Integer.toString(open),
                open >= BAR);
        recorder.check("none dropped while held", "0 closed by the server", Integer.toString(dropped), dropped == 0);
        recorder.check("gateway heap per connection (live, after GC)", "reported",
                String.format("%.1f KiB (RSS %.1f KiB)", heapPerConnection / 1024.0, rssPerConnection / 1024.0), true);
        recorder.detail("attempted", ramped.attempted());
        recorder.detail("upgradeRetries", ramped.upgradeRetries());
        recorder.detail("readyAtRampEnd", ramped.ready());
        recorder.detail("heldAtEnd", open);
        recorder.detail("firstFailure", firstFailure == null ? "none" : firstFailure);
        recorder.detail("heapPerConnectionBytes", heapPerConnection);
        recorder.detail("rssPerConnectionBytes", rssPerConnection);
        recorder.detail("pongs", held.pongs());
        recorder.detail("closesByServer", held.closes());
        recorder.detail("gateway", List.of(snapshot("before (after GC)", before), snapshot("ramp end", atRampEnd),
                snapshot("end of hold (after GC)", after)));
    }

    /**
     * One slice of the warm-up: connections opened at the rate until the slice's end draws near, each authenticated
     * and then closed again. A failure (a client that waited too long for {@code ready}) ends the slice's opening
     * early; the warm-up is not measured, and the time left is waited out so that the slice lasts what it says.
     */
    private static void churn(Path tokens, URI endpoint, int perUser, double rate, Duration slice,
                              String sourceAddresses, int threads) throws InterruptedException {
        long end = System.nanoTime() + slice.toNanos();
        // the worker process opens only after its start delay; what it opens is closed again before the slice ends
        long opening = slice.minus(IdleWorkers.START_DELAY).minus(WARM_UP_CLOSING).toSeconds();
        int count = (int) Math.max(1, rate * Math.max(1, opening));
        try (IdleWorkers clients = new IdleWorkers(1, endpoint, tokens, perUser, count, rate, sourceAddresses,
                threads)) {
            clients.awaitRamp(() -> { });
            clients.closeAll();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the warm-up's bench worker", e);
        }
        long left = end - System.nanoTime();
        if (left > 0) {
            Thread.sleep(left / 1_000_000);
        }
    }

    private static Path tokenFile(List<BenchUser> users) throws IOException {
        Path tokens = Files.createTempFile("parley-bench-tokens", ".txt",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(tokens, users.stream().map(BenchUser::token).toList());
        return tokens;
    }

    /** Enough worker processes that none needs more files than the bench's own limit allows. */
    private static int workersFor(int target) {
        long limit = 1024;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) {
                    String soft = line.substring("Max open files".length()).strip().split("\\s+")[0];
                    limit = soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
                }
            }
        } catch (IOException e) {
            // no /proc: assume a small limit
        }
        long perWorker = Math.max(500, limit - 1000);
        return (int) Math.max(1, (target + perWorker - 1) / perWorker);
    }

    private static Map<String, Object> snapshot(String when, GatewayProbe.Snapshot snapshot) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("when", when);
        row.put("ready connections", (long) snapshot.readyConnections());
        row.put("heap used MiB", String.format("%.1f", snapshot.heapUsedBytes() / 1048576.0));
        row.put("heap committed MiB", String.format("%.1f", snapshot.heapCommittedBytes() / 1048576.0));
        row.put("RSS MiB", String.format("%.1f", snapshot.rssBytes() / 1048576.0));
        row.put("open files", snapshot.openFiles());
        row.put("max open files", snapshot.maxOpenFiles());
        return row;
    }
}
