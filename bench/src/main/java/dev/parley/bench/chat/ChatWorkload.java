package dev.parley.bench.chat;

import dev.parley.bench.BenchContext;
import dev.parley.bench.PlatformWarmUp;
import dev.parley.bench.RunRecorder;
import dev.parley.bench.WebSocketEntry;
import dev.parley.bench.Workload;
import dev.parley.bench.api.BenchUser;
import dev.parley.bench.api.ParleyApi;
import dev.parley.bench.ceiling.CeilingServer;
import dev.parley.bench.measure.ResourceUsage;
import dev.parley.bench.report.BenchResult;
import dev.parley.bench.report.LatencySummary;
import dev.parley.bench.report.Progress;
import dev.parley.bench.ws.WsClient;
import dev.parley.infra.launcher.Component;
import dev.parley.infra.launcher.PlatformLayout;
import dev.parley.infra.launcher.Replica;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * W1 chat (10 rooms × 100 members, 20 msgs/s per room, 5 s warm-up, 30 s measured), W4 the same
 * scaled out over two ws-gateway and two message-service instances, and the few-second smoke run.
 * Every delivery is checked; send→delivery and send→ack latencies come from the measured phase. W1 then
 * runs the same clients against the ceiling server ({@code --ceiling}, see {@link CeilingComparison}).
 */
public final class ChatWorkload implements Workload {

    /**
     * The shapes: defaults for rooms, members, rate per room, warm-up and measured seconds, and the bars (0:
     * none): send→delivery p50 and p99 in ms, the platform's CPU in cores (issue "Fast on the path clients use").
     */
    public enum Shape {
        CHAT("W1 chat", 10, 100, 20, 5, 30, new Bars(10, 50, 0.6)),
        SCALE_OUT("W4 scale-out: W1 over two ws-gateway and two message-service instances", 10, 100, 20, 5, 30, Bars.NONE),
        SMOKE("smoke: a few connections, a few seconds", 2, 3, 5, 1, 3, Bars.NONE);

        final String title;
        final int rooms;
        final int members;
        final double rate;
        final int warmUp;
        final int measured;
        final Bars bars;

        Shape(String title, int rooms, int members, double rate, int warmUp, int measured, Bars bars) {
            this.title = title;
            this.rooms = rooms;
            this.members = members;
            this.rate = rate;
            this.warmUp = warmUp;
            this.measured = measured;
            this.bars = bars;
        }
    }

    record Bars(double p50Ms, double p99Ms, double platformCores) {
        static final Bars NONE = new Bars(0, 0, 0);
    }

    private final Shape shape;

    public ChatWorkload(Shape shape) {
        this.shape = shape;
    }

    @Override
    public BenchResult run(BenchContext context) throws Exception {
        var options = context.options();
        int rooms = options.integer("rooms", shape.rooms);
        int members = options.integer("members", shape.members);
        double rate = options.decimal("rate", shape.rate);
        Duration warmUp = options.duration("warmup", Duration.ofSeconds(shape.warmUp));
        Duration measured = options.duration("duration", Duration.ofSeconds(shape.measured));
        Duration drain = options.duration("drain", Duration.ofSeconds(20));
        int body = options.integer("body", 60);
        boolean ceiling = Boolean.parseBoolean(options.string("ceiling", Boolean.toString(shape == Shape.CHAT)));
        Duration ceilingWarmUp = ceiling ? options.duration("ceiling-warmup", Duration.ofSeconds(20)) : Duration.ZERO;
        boolean floor = ceiling && Boolean.parseBoolean(options.string("floor", "true"));
        List<Replica> started = new ArrayList<>();
        // instances this run started are stopped at its end, also on Ctrl-C
        Thread stopReplicas = new Thread(() -> started.forEach(replica -> context.platform().stop(replica)));
        Runtime.getRuntime().addShutdownHook(stopReplicas);
        List<WebSocketEntry> entries = shape == Shape.SCALE_OUT ? scaleOut(context, started) : List.of(context.webSocket());
        // after W4 started its second instances: they are always fresh
        PlatformWarmUp platformWarmUp = shape == Shape.SMOKE ? PlatformWarmUp.none()
                : context.platformWarmUpUntilCompiled();
        Duration platformWarmedUp = Duration.ZERO;
        ChatScenario scenario = new ChatScenario(context.workload(), rooms, members, body,
                entries.stream().map(WebSocketEntry::uri).toList());
        ParleyApi api = context.api();
        Progress progress = context.progress();
        try (RunRecorder recorder = new RunRecorder(context, shape.title)) {
            recorder.entry(entries);
            List<BenchUser> users = context.users(api, scenario.connections());
            try (WsClient client = context.client();
                 ChatRooms chatRooms = ChatRooms.create(scenario, api, users, progress)) {
                CeilingComparison.Parley parley;
                try (ChatRun run = ChatRun.open(scenario, chatRooms, client, progress);
                     AutoCloseable ticker = ChatProgress.start(run, progress)) {
                    progress.say(String.format("  sending %.0f msgs/s in each of %d rooms (%.0f deliveries/s): "
                            + "%d s warm-up, %d s measured", rate, rooms, rate * rooms * members, warmUp.toSeconds(),
                            measured.toSeconds()));
                    platformWarmedUp = platformWarmUp.run(
                            (sent, slice) -> run.send(List.of(Phase.platformWarmUp(rate, sent, slice))).awaitEnd());
                    run.send(List.of(Phase.warmUp(rate, warmUp), Phase.measured("measured", rate, measured)))
                            .awaitEnd();
                    context.platformLoaded();
                    PhaseWindow window = run.windows().getLast();
                    ResourceUsage usage = recorder.resources(window.startNanos(), window.endNanos());
                    Correctness correctness = run.drain(drain);
                    ticker.close();
                    parley = record(recorder, run, window, correctness, rate, rooms, members, usage);
                }
                if (ceiling) {
                    compareWithCeiling(recorder, progress, scenario, chatRooms, client,
                            new CeilingComparison.Load(rate, ceilingWarmUp,
                                    options.duration("platform-warmup-max", BenchContext.PLATFORM_WARM_UP_MAX), measured,
                                    drain), parley,
                            floor ? floorSite(context) : null);
                }
            }
            recorder.detail("platformWarmUpSeconds", platformWarmedUp.toSeconds());
            return recorder.result();
        } finally {
            started.forEach(replica -> context.platform().stop(replica));
            started.clear();
            Runtime.getRuntime().removeShutdownHook(stopReplicas);
        }
    }

    /** The floor runs on the platform's own Kafka and PostgreSQL server, in topics and a database of its own. */
    private static CeilingComparison.FloorSite floorSite(BenchContext context) {
        PlatformLayout layout = context.platform().layout();
        Map<String, List<ProcessHandle>> stores = new LinkedHashMap<>();
        context.processGroups().forEach((name, processes) -> {
            if (name.equals(Component.KAFKA.id()) || name.equals(Component.POSTGRES.id())) {
                stores.put(name, processes);
            }
        });
        return new CeilingComparison.FloorSite(new CeilingServer.Floor("127.0.0.1:" + layout.port(Component.KAFKA),
                "jdbc:postgresql://127.0.0.1:" + layout.port(Component.POSTGRES) + "/"), stores);
    }

    /** The ceiling and the floor are comparisons, not part of the bar: when one cannot run, the result says so and stands. */
    private static void compareWithCeiling(RunRecorder recorder, Progress progress, ChatScenario scenario,
                                           ChatRooms rooms, WsClient client, CeilingComparison.Load load,
                                           CeilingComparison.Parley parley, CeilingComparison.FloorSite floor) {
        try {
            CeilingComparison.run(recorder, progress, scenario, rooms, client, load, parley, floor);
        } catch (Exception e) {
            progress.say("  the ceiling or floor run failed: " + e);
            recorder.note("The ceiling or floor run (--ceiling, --floor) failed: " + e);
        }
    }

    private CeilingComparison.Parley record(RunRecorder recorder, ChatRun run, PhaseWindow window,
                                            Correctness correctness, double rate, int rooms, int members,
                                            ResourceUsage usage) {
        var deliveries = LatencySummary.of("send→delivery", run.deliveries().phase(window.index()));
        var acks = LatencySummary.of("send→ack", run.acks().phase(window.index()));
        double deliveriesPerSecond = deliveries.count() / window.seconds();
        recorder.latency(deliveries);
        recorder.latency(acks);
        recorder.timeline(run.deliveries());
        recorder.timeline(run.acks());
        recorder.correctness(correctness);
        recorder.detail("upgradeRetries", run.upgradeRetries());
        recorder.detail("subscribeRetries", run.subscribeRetries());
        recorder.detail("offeredDeliveriesPerSecond", rate * rooms * members);
        recorder.detail("measuredDeliveriesPerSecond", deliveriesPerSecond);
        recorder.detail("contextSwitchesPerSend", switchesPerSend(usage, acks.count() / window.seconds()));
        recorder.check("delivered", "100 %", String.format("%.4f %% (%d of %d)", correctness.deliveredPercent(),
                correctness.delivered(), correctness.expectedDeliveries()),
                correctness.delivered() == correctness.expectedDeliveries() && correctness.expectedDeliveries() > 0);
        recorder.check("lost / duplicated / out of order", "0 / 0 / 0", correctness.lost() + " / "
                + correctness.duplicates() + " / " + correctness.outOfOrder(),
                correctness.lost() == 0 && correctness.duplicates() == 0 && correctness.outOfOrder() == 0);
        recorder.check("every send acked, no errors", "all acked, 0 errors", correctness.acked() + " of "
                + correctness.sent() + " acked, errors " + correctness.errors(), correctness.holds());
        Bars bars = shape.bars;
        if (bars.p50Ms() > 0) {
            recorder.check("send→delivery p50", "≤ " + (int) bars.p50Ms() + " ms",
                    String.format("%.1f ms", deliveries.p50()), deliveries.count() > 0 && deliveries.p50() <= bars.p50Ms());
        }
        if (bars.p99Ms() > 0) {
            recorder.check("send→delivery p99", "≤ " + (int) bars.p99Ms() + " ms",
                    String.format("%.1f ms", deliveries.p99()), deliveries.count() > 0 && deliveries.p99() <= bars.p99Ms());
        }
        double cores = usage.platform().cores();
        if (bars.platformCores() > 0) {
            recorder.check("platform CPU (load generator excluded)", "≤ " + bars.platformCores() + " core",
                    String.format("%.2f cores", cores), cores <= bars.platformCores());
        }
        return new CeilingComparison.Parley(deliveries, deliveriesPerSecond, cores);
    }

    /**
     * Each process group's context switches per acked send in the measured window, and the platform's: at W1's rate
     * a message's cost is mostly its hand-offs between threads and processes, each at least one switch
     * (docs/performance.md, "What would move the figures next").
     */
    static Map<String, Double> switchesPerSend(ResourceUsage usage, double sendsPerSecond) {
        Map<String, Double> perSend = new LinkedHashMap<>();
        if (sendsPerSecond > 0) {
            Stream.concat(usage.groups().stream(), Stream.of(usage.platform())).forEach(group ->
                    perSend.put(group.name(), Math.round(group.switchesPerSecond() / sendsPerSecond * 10) / 10.0));
        }
        return perSend;
    }

    /**
     * W4: starts ws-gateway#2 and message-service#2 unless running; half the members connect through the entry
     * (ws-gateway#1 behind it), the other half to ws-gateway#2 directly — no public route leads there.
     */
    private static List<WebSocketEntry> scaleOut(BenchContext context, List<Replica> started) {
        Replica gateway = new Replica(Component.WS_GATEWAY, 2);
        Replica messages = new Replica(Component.MESSAGE_SERVICE, 2);
        for (Replica replica : List.of(messages, gateway)) {
            if (!context.platform().runningReplicas().contains(replica)) {
                context.platform().start(replica);
                started.add(replica);
            }
        }
        return List.of(context.webSocket(), context.webSocket(gateway));
    }
}
