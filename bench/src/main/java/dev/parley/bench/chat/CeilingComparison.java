package dev.parley.bench.chat;

import dev.parley.bench.RunRecorder;
import dev.parley.bench.ceiling.CeilingProcess;
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
 * Parley: how far Parley is from it goes into the result. Informational: no check depends on it.
 */
final class CeilingComparison {

    static final String SERVER = "plain Netty broadcast, same clients";
    private static final int EVENT_LOOPS = 2;

    /** Parley's figures from the measured phase: what the ceiling's are divided into. */
    record Parley(LatencySummary deliveries, double deliveriesPerSecond, double platformCores) {
    }

    /** The load both runs send: messages per second in each room, the ceiling's warm-up, the measured phase, the drain. */
    record Load(double ratePerRoom, Duration warmUp, Duration measured, Duration drain) {
    }

    private CeilingComparison() {
    }

    static void run(RunRecorder recorder, Progress progress, ChatScenario scenario, ChatRooms rooms, WsClient client,
                    Load load, Parley parley) throws Exception {
        progress.say(String.format("  ceiling: the same %d connections and load against a %s, %d s warm-up "
                + "(--ceiling-warmup), %d s measured", scenario.connections(), SERVER, load.warmUp().toSeconds(),
                load.measured().toSeconds()));
        try (CeilingProcess ceiling = CeilingProcess.start(EVENT_LOOPS, Duration.ofSeconds(30));
             ProcessSampler sampler = new ProcessSampler(Map.of("ceiling", List.of(ceiling.handle()),
                     ResourceUsage.BENCH, List.of(ProcessHandle.current())), 1000).start();
             ChatRun run = ChatRun.open(scenario.withEndpoints(List.of(ceiling.webSocket())), rooms, client, progress);
             AutoCloseable ticker = ChatProgress.start(run, progress)) {
            run.send(List.of(Phase.warmUp(load.ratePerRoom(), load.warmUp()),
                    Phase.measured("ceiling", load.ratePerRoom(), load.measured()))).awaitEnd();
            PhaseWindow window = run.windows().getLast();
            sampler.sample();
            ResourceUsage usage = sampler.usage(window.startNanos(), window.endNanos());
            Correctness correctness = run.drain(load.drain());
            ticker.close();
            LatencySummary deliveries = LatencySummary.of("ceiling send→delivery", run.deliveries().phase(window.index()));
            LatencySummary acks = LatencySummary.of("ceiling send→ack", run.acks().phase(window.index()));
            double deliveriesPerSecond = deliveries.count() / window.seconds();
            double cores = usage.platform().cores();
            recorder.latency(deliveries);
            recorder.detail("ceiling", figures(ceiling, load, deliveries, acks, deliveriesPerSecond, usage, correctness));
            Map<String, Object> ratios = new LinkedHashMap<>();
            ratios.put("p50", ratio(parley.deliveries().p50(), deliveries.p50()));
            ratios.put("p99", ratio(parley.deliveries().p99(), deliveries.p99()));
            // cores per delivery on each side, unrounded (they are around 1e-5)
            ratios.put("cpu", parley.deliveriesPerSecond() > 0 && deliveriesPerSecond > 0
                    ? ratio(parley.platformCores() / parley.deliveriesPerSecond(), cores / deliveriesPerSecond) : null);
            ratios.put("cpuIs", "platform CPU per delivery / ceiling CPU per delivery");
            recorder.detail("ratioToCeiling", ratios);
            progress.say(String.format("  ceiling (%s): p50 %.1f ms, p99 %.1f ms, %.2f cores — Parley/ceiling: p50 %s, "
                    + "p99 %s, CPU %s", SERVER, deliveries.p50(), deliveries.p99(), cores, times(ratios.get("p50")),
                    times(ratios.get("p99")), times(ratios.get("cpu"))));
            progress.say(String.format("  ceiling correctness (informational): %d of %d delivered, %d lost, %d out of order",
                    correctness.delivered(), correctness.expectedDeliveries(), correctness.lost(), correctness.outOfOrder()));
        }
    }

    private static Map<String, Object> figures(CeilingProcess ceiling, Load load, LatencySummary deliveries,
                                               LatencySummary acks, double deliveriesPerSecond, ResourceUsage usage,
                                               Correctness correctness) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("server", ceiling.description());
        figures.put("warmUpSeconds", load.warmUp().toSeconds());
        figures.put("measuredSeconds", load.measured().toSeconds());
        figures.put("p50Ms", deliveries.p50());
        figures.put("p90Ms", deliveries.p90());
        figures.put("p99Ms", deliveries.p99());
        figures.put("maxMs", deliveries.max());
        figures.put("ackP50Ms", acks.p50());
        figures.put("ackP99Ms", acks.p99());
        figures.put("deliveriesPerSecond", deliveriesPerSecond);
        figures.put("cores", usage.platform().cores());
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
