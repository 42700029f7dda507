package dev.parley.bench.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Samples, once a second, the CPU time, context switches and resident memory of every process of the platform — each
 * component's processes and all their descendants (PostgreSQL's server and its backends, the Redis
 * server) — and of the bench itself, from {@code /proc/<pid>/stat} and {@code /proc/<pid>/status};
 * and the whole machine's busy time from {@code /proc/stat}, so that what else ran shows too.
 *
 * <p>A group's CPU time is the sum over its live processes of {@code utime + stime + cutime + cstime}:
 * a backend that exited was waited for by its parent, whose {@code cutime} then holds its time, so
 * nothing is lost or counted twice while the group's root lives.
 */
public final class ProcessSampler implements AutoCloseable {

    /** How many samples a thread's kind is kept for before its name is read again. */
    private static final int KINDS_KEPT_SAMPLES = 60;

    private final Map<String, List<ProcessHandle>> groups;
    private final long intervalMillis;
    private final List<Sample> samples = new ArrayList<>();
    private final Map<Long, String> threadKinds = new HashMap<>();
    private int count;
    private final Thread thread;
    private volatile boolean running = true;

    /** @param groups each group's root processes (their descendants are found at every sample) */
    public ProcessSampler(Map<String, List<ProcessHandle>> groups, long intervalMillis) {
        this.groups = new LinkedHashMap<>(groups);
        this.intervalMillis = intervalMillis;
        this.thread = Thread.ofPlatform().daemon().name("bench-process-sampler").unstarted(this::run);
    }

    public ProcessSampler start() {
        sample();
        thread.start();
        return this;
    }

    /** Takes one sample now (also used to close a measured window exactly): one at a time, whoever calls. */
    public synchronized void sample() {
        long now = System.nanoTime();
        Map<String, GroupSample> byGroup = new LinkedHashMap<>();
        // PSS walks the page tables, which costs: every fifth sample only
        boolean withPss = count % 5 == 0;
        if (count++ % KINDS_KEPT_SAMPLES == 0) {
            threadKinds.clear(); // a thread may have been renamed, or its id taken by a new one
        }
        Set<Long> allRoots = new HashSet<>();
        groups.values().forEach(roots -> roots.forEach(root -> allRoots.add(root.pid())));
        // One pass over the process table per sample: ProcessHandle.children() reads all of it per call.
        Map<Long, List<Long>> children = new HashMap<>();
        ProcessHandle.allProcesses().forEach(process -> process.parent().ifPresent(parent ->
                children.computeIfAbsent(parent.pid(), pid -> new ArrayList<>()).add(process.pid())));
        groups.forEach((name, roots) -> byGroup.put(name, sampleGroup(roots, children, allRoots, withPss)));
        synchronized (samples) {
            samples.add(new Sample(now, byGroup, ProcStat.machineBusyTicks(), ProcStat.machineTotalTicks()));
        }
    }

    public List<String> groupNames() {
        return List.copyOf(groups.keySet());
    }

    /**
     * What each group used between two instants (System.nanoTime()): from the last sample at or
     * before {@code fromNanos} to the first at or after {@code toNanos}.
     */
    public ResourceUsage usage(long fromNanos, long toNanos) {
        List<Sample> window = new ArrayList<>();
        synchronized (samples) {
            for (int i = 0; i < samples.size(); i++) {
                Sample sample = samples.get(i);
                boolean next = i + 1 < samples.size();
                if (next && samples.get(i + 1).nanos() <= fromNanos) {
                    continue; // a later sample still starts the window
                }
                window.add(sample);
                if (sample.nanos() >= toNanos) {
                    break;
                }
            }
        }
        return ResourceUsage.of(window, groupNames());
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }

    private void run() {
        while (running) {
            try {
                Thread.sleep(intervalMillis);
            } catch (InterruptedException e) {
                return;
            }
            sample();
        }
    }

    /** A group's roots and their descendants — except processes that are another group's roots, and theirs. */
    private GroupSample sampleGroup(List<ProcessHandle> roots, Map<Long, List<Long>> children,
                                           Set<Long> allRoots, boolean withPss) {
        long ticks = 0;
        Threads.Builder threads = new Threads.Builder();
        long rssKb = 0;
        long pssKb = withPss ? 0 : -1;
        int processes = 0;
        List<Long> tree = new ArrayList<>();
        for (ProcessHandle root : roots) {
            collect(root.pid(), children, allRoots, tree);
        }
        for (long pid : tree) {
            Path proc = Path.of("/proc", Long.toString(pid));
            long cpu = ProcStat.cpuTicks(proc);
            if (cpu >= 0) {
                ticks += cpu;
                ProcStat.threads(proc, threadKinds, threads);
                rssKb += ProcStat.statusKb(proc, "VmRSS:");
                if (withPss) {
                    pssKb += ProcStat.pssKb(proc);
                }
                processes++;
            }
        }
        return new GroupSample(ticks, rssKb, pssKb, processes, threads.build());
    }

    private static void collect(long pid, Map<Long, List<Long>> children, Set<Long> allRoots, List<Long> into) {
        into.add(pid);
        for (long child : children.getOrDefault(pid, List.of())) {
            if (!allRoots.contains(child)) {
                collect(child, children, allRoots, into);
            }
        }
    }

    record Sample(long nanos, Map<String, GroupSample> groups, long machineBusyTicks, long machineTotalTicks) {
    }

    /**
     * @param pssKb proportional set size (shared pages divided among their users), -1 when not sampled
     * @param threads the live threads' CPU time and context switches so far (ProcStat.threads)
     */
    record GroupSample(long cpuTicks, long rssKb, long pssKb, int processes, Threads threads) {
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return null;
        }
    }
}
