package dev.parley.bench.chat;

import dev.parley.bench.PlatformWarmUp;
import dev.parley.bench.RunRecorder;
import dev.parley.bench.ceiling.CeilingProcess;
import dev.parley.bench.ceiling.CeilingServer;
import dev.parley.bench.measure.ProcessSampler;
import dev.parley.bench.measure.ResourceUsage;
import dev.parley.bench.report.LatencySummary;
import dev.parley.bench.report.Progress;
import dev.parley.bench.ws.WsClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * W1's ceiling: after Parley's run, the same scenario — same users, room ids, client, source addresses, rate
 * and measured duration — against a plain Netty broadcast server ({@link CeilingProcess}) in a JVM of its own,
 * after a warm-up of its own for the JIT. What fan-out alone costs on this machine, measured the same way as
 * Parley: how far Parley is from it goes into the result. Then, unless {@code --floor false}, W1's floor: the same
 * server and load with every send taken through the platform's Kafka and PostgreSQL as Parley's shape takes it
 * (command topic, one statement storing each batch, event topic, fan-out), its CPU counted with that Kafka's and
 * PostgreSQL's — what the shape costs done with the least code. Informational: no check depends on either.
 */
final class CeilingComparison {

    static final String SERVER = "plain Netty broadcast, same clients";
    static final String FLOOR = "Kafka and PostgreSQL as Parley's shape does, with the least code";
    private static final int EVENT_LOOPS = 2;

    /** Parley's figures from the measured phase: what the ceiling's are divided into. */
    record Parley(LatencySummary deliveries, double deliveriesPerSecond, double platformCores) {
    }

    /**
     * The load both runs send: messages per second in each room, each server's warm-up (at least {@code warmUp}, then
     * on while the server's JVM compiles, up to {@code warmUpMax}), the measured phase, the drain.
     */
    record Load(double ratePerRoom, Duration warmUp, Duration warmUpMax, Duration measured, Duration drain) {
    }

    private CeilingComparison() {
    }

    /**
     * Where W1's floor runs ({@link CeilingServer.Floor}) and the processes of that Kafka and PostgreSQL, whose CPU
     * counts as the floor's with its own server's.
     */
    record FloorSite(CeilingServer.Floor floor, Map<String, List<ProcessHandle>> stores) {
    }

    /** What one server's measured phase gave. */
    private record Measured(Duration warmedUp, LatencySummary deliveries, LatencySummary acks,
                            double deliveriesPerSecond, ResourceUsage usage, Correctness correctness) {
    }

    static void run(RunRecorder recorder, Progress progress, ChatScenario scenario, ChatRooms rooms, WsClient client,
                    Load load, Parley parley, FloorSite floor) throws Exception {
        progress.say(String.format("  ceiling: the same %d connections and load against a %s, %d s warm-up "
                + "(--ceiling-warmup) and on while its JVM compiles, %d s measured", scenario.connections(), SERVER,
                load.warmUp().toSeconds(), load.measured().toSeconds()));
        try (CeilingProcess ceiling = CeilingProcess.start(EVENT_LOOPS, Duration.ofSeconds(30))) {
            Measured measured = measure("ceiling", ceiling, Map.of(), scenario, rooms, client, load, progress);
            compare(recorder, progress, "ceiling", SERVER, ceiling, load, measured, parley);
        }
        if (floor == null) {
            return;
        }
        progress.say(String.format("  floor: the same again against the same server sending each message through %s",
                FLOOR));
        try (CeilingProcess server = CeilingProcess.start(EVENT_LOOPS, Duration.ofSeconds(60), floor.floor())) {
            Measured measured = measure("floor", server, floor.stores(), scenario, rooms, client, load, progress);
            compare(recorder, progress, "floor", FLOOR, server, load, measured, parley);
        }
    }

    private static Measured measure(String name, CeilingProcess server, Map<String, List<ProcessHandle>> alsoSampled,
                                    ChatScenario scenario, ChatRooms rooms, WsClient client, Load load,
                                    Progress progress) throws Exception {
        Map<String, List<ProcessHandle>> groups = new LinkedHashMap<>();
        groups.put(name, List.of(server.handle()));
        groups.putAll(alsoSampled);
        groups.put(ResourceUsage.BENCH, List.of(ProcessHandle.current()));
        try (ProcessSampler sampler = new ProcessSampler(groups, 1000).start();
             ChatRun run = ChatRun.open(scenario.withEndpoints(List.of(server.webSocket())), rooms, client, progress);
             AutoCloseable ticker = ChatProgress.start(run, progress)) {
            Duration warmedUp = PlatformWarmUp.untilCompiled(load.warmUp(), load.warmUpMax(), name, server.handle(), progress)
                    .run((sent, slice) -> run.send(List.of(Phase.warmUp(name + " warm-up", load.ratePerRoom(), sent,
                            slice))).awaitEnd());
            run.send(List.of(Phase.measured(name, load.ratePerRoom(), load.measured()))).awaitEnd();
            PhaseWindow window = run.windows().getLast();
            sampler.sample();
            ResourceUsage usage = sampler.usage(window.startNanos(), window.endNanos());
            Correctness correctness = run.drain(load.drain());
            ticker.close();
            LatencySummary deliveries = LatencySummary.of(name + " send→delivery", run.deliveries().phase(window.index()));
            LatencySummary acks = LatencySummary.of(name + " send→ack", run.acks().phase(window.index()));
            return new Measured(warmedUp, deliveries, acks, deliveries.count() / window.seconds(), usage, correctness);
        }
    }

    private static void compare(RunRecorder recorder, Progress progress, String name, String server,
                                CeilingProcess process, Load load, Measured measured, Parley parley) {
        double cores = measured.usage().platform().cores();
        recorder.latency(measured.deliveries());
        recorder.detail(name, figures(process, load, measured));
        Map<String, Object> ratios = new LinkedHashMap<>();
        ratios.put("p50", ratio(parley.deliveries().p50(), measured.deliveries().p50()));
        ratios.put("p99", ratio(parley.deliveries().p99(), measured.deliveries().p99()));
        // cores per delivery on each side, unrounded (they are around 1e-5)
        ratios.put("cpu", parley.deliveriesPerSecond() > 0 && measured.deliveriesPerSecond() > 0
                ? ratio(parley.platformCores() / parley.deliveriesPerSecond(), cores / measured.deliveriesPerSecond())
                : null);
        ratios.put("cpuIs", "platform CPU per delivery / " + name + " CPU per delivery");
        recorder.detail("ratioTo" + Character.toUpperCase(name.charAt(0)) + name.substring(1), ratios);
        progress.say(String.format("  %s (%s): p50 %.1f ms, p99 %.1f ms, %.2f cores%s — Parley/%s: p50 %s, p99 %s, CPU %s",
                name, server, measured.deliveries().p50(), measured.deliveries().p99(), cores,
                split(measured.usage()), name, times(ratios.get("p50")), times(ratios.get("p99")),
                times(ratios.get("cpu"))));
        Correctness correctness = measured.correctness();
        progress.say(String.format("  %s correctness (informational): %d of %d delivered, %d lost, %d out of order", name,
                correctness.delivered(), correctness.expectedDeliveries(), correctness.lost(), correctness.outOfOrder()));
    }

    /** The groups' cores when there are more than one besides the bench: "(floor 0.30, kafka 0.10, postgres 0.08)". */
    private static String split(ResourceUsage usage) {
        List<ResourceUsage.Group> measured = usage.groups().stream()
                .filter(group -> !group.name().equals(ResourceUsage.BENCH)).toList();
        if (measured.size() < 2) {
            return "";
        }
        StringBuilder split = new StringBuilder(" (");
        measured.forEach(group -> split.append(split.length() > 2 ? ", " : "").append(group.name()).append(' ')
                .append(String.format("%.2f", group.cores())));
        return split.append(')').toString();
    }

    private static Map<String, Object> figures(CeilingProcess server, Load load, Measured measured) {
        LatencySummary deliveries = measured.deliveries();
        LatencySummary acks = measured.acks();
        ResourceUsage usage = measured.usage();
        Correctness correctness = measured.correctness();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("server", server.description());
        figures.put("warmUpSeconds", measured.warmedUp().toSeconds());
        figures.put("measuredSeconds", load.measured().toSeconds());
        figures.put("p50Ms", deliveries.p50());
        figures.put("p90Ms", deliveries.p90());
        figures.put("p99Ms", deliveries.p99());
        figures.put("maxMs", deliveries.max());
        figures.put("ackP50Ms", acks.p50());
        figures.put("ackP99Ms", acks.p99());
        figures.put("deliveriesPerSecond", measured.deliveriesPerSecond());
        figures.put("cores", usage.platform().cores());
        Map<String, Object> groups = new LinkedHashMap<>();
        usage.groups().stream().filter(group -> !group.name().equals(ResourceUsage.BENCH))
                .forEach(group -> groups.put(group.name(), group.cores()));
        figures.put("coresByProcess", groups);
        Map<String, Object> threads = new LinkedHashMap<>();
        usage.groups().stream().filter(group -> !group.name().equals(ResourceUsage.BENCH))
                .forEach(group -> threads.put(group.name(), group.threadCores()));
        figures.put("threadCoresByProcess", threads);
        figures.put("switchesPerSecond", usage.platform().switchesPerSecond());
        figures.put("rssAvgMiB", usage.platform().rssAvgMiB());
        figures.put("rssMaxMiB", usage.platform().rssMaxMiB());
        usage.groups().stream().filter(group -> group.name().equals(ResourceUsage.BENCH)).findFirst()
                .ifPresent(bench -> figures.put("loadGeneratorCores", bench.cores()));
        figures.put("machineCores", usage.machineCores());
        figures.put("delivered", correctness.delivered());
        figures.put("expectedDeliveries", correctness.expectedDeliveries());
        figures.put("lost", correctness.lost());
        figures.put("duplicates", correctness.duplicates());
        figures.put("outOfOrder", correctness.outOfOrder());
        figures.put("sent", correctness.sent());
        figures.put("acked", correctness.acked());
        figures.put("errors", correctness.errors());
        return figures;
    }

    private static String times(Object ratio) {
        return ratio == null ? "n/a" : "×" + ratio;
    }

    /** {@code a / b} to two decimals, or null when either is not a figure (no deliveries, no CPU sampled). */
    private static Double ratio(Double a, Double b) {
        if (a == null || b == null || !(b > 0) || !Double.isFinite(a)) {
            return null;
        }
        return Math.round(a / b * 100) / 100.0;
    }
}
