package dev.parley.bench.measure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What each process group used over a window: CPU as average cores busy (1.0 = one core all the
 * time) and CPU seconds, its threads' context switches a second (each a thread put to sleep or preempted: a hand-off
 * between threads or processes costs at least one), resident memory (average and peak of the summed VmRSS — PostgreSQL's shared
 * buffers count once per backend that touched them, so its figure is an upper bound). {@code platform}
 * sums every group but the bench; {@code machine} is the whole machine, {@code other} what neither
 * the platform nor the bench used (other people's work on a shared machine). Each group also names its busiest kinds
 * of thread ({@code threadCores}: a pool's threads added up, those that took at least {@value #THREAD_FLOOR_CORES} of a
 * core, busiest first): where a process's CPU goes, to compare Parley's threads with the floor's in one run.
 */
public record ResourceUsage(double seconds, List<Group> groups, Group platform, double machineCores,
                            double otherCores, int cpus) {

    public static final String BENCH = "bench";
    static final double THREAD_FLOOR_CORES = 0.005;
    private static final int THREAD_KINDS_SHOWN = 12;

    public record Group(String name, double cores, double cpuSeconds, double switchesPerSecond, double rssAvgMiB,
                        double rssMaxMiB, double pssAvgMiB, int processes, Map<String, Double> threadCores) {
    }

    static ResourceUsage of(List<ProcessSampler.Sample> window, List<String> names) {
        int cpus = Runtime.getRuntime().availableProcessors();
        if (window.size() < 2) {
            return new ResourceUsage(0, List.of(), new Group("platform", 0, 0, 0, 0, 0, 0, 0, Map.of()), 0, 0, cpus);
        }
        ProcessSampler.Sample first = window.getFirst();
        ProcessSampler.Sample last = window.getLast();
        double seconds = (last.nanos() - first.nanos()) / 1e9;
        List<Group> groups = new ArrayList<>();
        double platformCpu = 0;
        double platformSwitches = 0;
        double platformRssAvg = 0;
        double platformRssMax = 0;
        double platformPss = 0;
        int platformProcesses = 0;
        double total = 0;
        for (String name : names) {
            double cpuSeconds = Math.max(0, (last.groups().get(name).cpuTicks() - first.groups().get(name).cpuTicks())
                    / ProcStat.TICKS_PER_SECOND);
            Threads.Between threads = last.groups().get(name).threads().since(first.groups().get(name).threads());
            double switches = threads.switches() / seconds;
            double rssAvg = window.stream().mapToLong(s -> s.groups().get(name).rssKb()).average().orElse(0) / 1024;
            double rssMax = window.stream().mapToLong(s -> s.groups().get(name).rssKb()).max().orElse(0) / 1024.0;
            double pssAvg = window.stream().mapToLong(s -> s.groups().get(name).pssKb()).filter(kb -> kb >= 0)
                    .average().orElse(0) / 1024;
            int processes = window.stream().mapToInt(s -> s.groups().get(name).processes()).max().orElse(0);
            Group group = new Group(name, cpuSeconds / seconds, cpuSeconds, switches, rssAvg, rssMax, pssAvg,
                    processes, threadCores(threads.nanosByKind(), seconds));
            groups.add(group);
            total += cpuSeconds;
            if (!name.equals(BENCH)) {
                platformCpu += cpuSeconds;
                platformSwitches += switches;
                platformRssAvg += rssAvg;
                platformRssMax += rssMax;
                platformPss += pssAvg;
                platformProcesses += processes;
            }
        }
        double machine = (last.machineBusyTicks() - first.machineBusyTicks()) / ProcStat.TICKS_PER_SECOND / seconds;
        return new ResourceUsage(seconds, groups, new Group("platform", platformCpu / seconds, platformCpu,
                platformSwitches, platformRssAvg, platformRssMax, platformPss, platformProcesses, Map.of()), machine, Math.max(0, machine - total / seconds), cpus);
    }

    /** Each kind of thread's cores over the window, those at {@value #THREAD_FLOOR_CORES} or more, busiest first. */
    private static Map<String, Double> threadCores(Map<String, Long> nanosByKind, double seconds) {
        Map<String, Double> cores = new LinkedHashMap<>();
        nanosByKind.entrySet().stream()
                .map(kind -> Map.entry(kind.getKey(), kind.getValue() / 1e9 / seconds))
                .filter(kind -> kind.getValue() >= THREAD_FLOOR_CORES)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(THREAD_KINDS_SHOWN)
                .forEach(kind -> cores.put(kind.getKey(), Math.round(kind.getValue() * 1000) / 1000.0));
        return cores;
    }
}
