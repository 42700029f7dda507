package dev.parley.bench;

import dev.parley.bench.chat.Correctness;
import dev.parley.bench.measure.Latencies;
import dev.parley.bench.measure.Machine;
import dev.parley.bench.measure.OtherProcesses;
import dev.parley.bench.measure.ProcessSampler;
import dev.parley.bench.measure.ResourceUsage;
import dev.parley.bench.report.BenchResult;
import dev.parley.bench.report.Check;
import dev.parley.bench.report.LatencySummary;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What every workload records the same way: when it started, the machine, the resources the
 * platform and the bench used (and what else ran), then its own checks, latencies and details.
 */
public final class RunRecorder implements AutoCloseable {

    private final BenchContext context;
    private final String title;
    private String entry;
    private final Instant startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final long startNanos = System.nanoTime();
    private final ProcessSampler sampler;
    private final OtherProcesses others = OtherProcesses.start();
    private final List<Check> checks = new ArrayList<>();
    private final List<LatencySummary> latencies = new ArrayList<>();
    private final Map<String, List<Latencies.Second>> timeline = new LinkedHashMap<>();
    private final Map<String, Object> details = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private Correctness correctness;
    private ResourceUsage resources;

    public RunRecorder(BenchContext context, String title) {
        this.context = context;
        this.title = title;
        this.sampler = context.sampler();
    }

    public void check(String name, String required, String measured, boolean pass) {
        checks.add(new Check(name, required, measured, pass));
    }

    public void latency(LatencySummary summary) {
        latencies.add(summary);
    }

    public void timeline(Latencies latencies) {
        timeline.put(latencies.name(), latencies.timeline());
    }

    public void correctness(Correctness correctness) {
        this.correctness = correctness;
    }

    public void detail(String name, Object value) {
        details.put(name, value);
    }

    /** Where the run's clients connected: in the details ({@code entry}), the title and the progress output. */
    public void entry(List<WebSocketEntry> entries) {
        entry = WebSocketEntry.describe(entries);
        details.put("entry", entry);
        details.put("endpoints", entries.stream().map(e -> e.uri().toString()).toList());
        context.progress().say("  WebSocket entry: " + entry + " — " + details.get("endpoints"));
    }

    public void note(String note) {
        notes.add(note);
    }

    /** The platform's and the bench's usage over a window (System.nanoTime()): the measured part of the run. */
    public ResourceUsage resources(long fromNanos, long toNanos) {
        sampler.sample();
        resources = sampler.usage(fromNanos, toNanos);
        return resources;
    }

    public BenchResult result() {
        if (resources == null) {
            resources(startNanos, System.nanoTime());
        }
        Map<String, Object> environment = new LinkedHashMap<>(Machine.describe(context.checkout()));
        Set<Long> ours = new HashSet<>();
        context.processGroups().values().forEach(roots -> roots.forEach(root -> {
            ours.add(root.pid());
            root.descendants().forEach(child -> ours.add(child.pid()));
        }));
        environment.put("otherBusyProcesses", others.busiest(ours, 8));
        Map<String, Object> parameters = context.options().used();
        String titled = entry == null ? title : title + " — " + entry;
        return new BenchResult(context.workload(), titled, startedAt.toString(), (System.nanoTime() - startNanos) / 1e9,
                parameters, environment, List.copyOf(checks), correctness, List.copyOf(latencies), timeline, resources,
                details, List.copyOf(notes));
    }

    @Override
    public void close() {
        sampler.close();
    }
}
