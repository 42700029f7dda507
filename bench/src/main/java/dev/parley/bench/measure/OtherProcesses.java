package dev.parley.bench.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The machine's other busy processes over a window: every process's own CPU ticks (without its
 * children's) at the start and the end, minus the platform's and the bench's — on a shared machine,
 * what else competed for the CPUs. Indicative: a process that ended in between is missing; the
 * machine-wide figure in {@link ResourceUsage#otherCores()} is the exact total.
 */
public final class OtherProcesses {

    private final Map<Long, Long> startTicks;
    private final long startNanos = System.nanoTime();

    private OtherProcesses(Map<Long, Long> startTicks) {
        this.startTicks = startTicks;
    }

    public static OtherProcesses start() {
        return new OtherProcesses(allTicks());
    }

    /** Processes (not in {@code excluded}) that used more than 1 % of a core, busiest first. */
    public List<String> busiest(Set<Long> excluded, int limit) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        Map<Long, Long> endTicks = allTicks();
        List<Map.Entry<Long, Double>> busy = new ArrayList<>();
        endTicks.forEach((pid, ticks) -> {
            if (!excluded.contains(pid)) {
                double cores = (ticks - startTicks.getOrDefault(pid, 0L)) / ProcStat.TICKS_PER_SECOND / seconds;
                if (cores > 0.01) {
                    busy.add(Map.entry(pid, cores));
                }
            }
        });
        busy.sort(Map.Entry.<Long, Double>comparingByValue(Comparator.reverseOrder()));
        return busy.stream().limit(limit).map(entry -> String.format("%.2f cores  pid %d  %s", entry.getValue(),
                entry.getKey(), command(entry.getKey()))).toList();
    }

    private static Map<Long, Long> allTicks() {
        Map<Long, Long> ticks = new HashMap<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            entries.map(path -> path.getFileName().toString()).filter(name -> name.matches("[0-9]+")).forEach(pid -> {
                long cpu = ProcStat.ownCpuTicks(Path.of("/proc", pid));
                if (cpu >= 0) {
                    ticks.put(Long.parseLong(pid), cpu);
                }
            });
        } catch (IOException e) {
            // no /proc: nothing to tell
        }
        return ticks;
    }

    private static String command(long pid) {
        String cmdline = ProcessSampler.read(Path.of("/proc", Long.toString(pid), "cmdline"));
        if (cmdline == null || cmdline.isEmpty()) {
            return "?";
        }
        String[] args = cmdline.split("\0");
        // a java command line is mostly classpath: show the program and its main class or jar
        StringBuilder shown = new StringBuilder(Path.of(args[0]).getFileName().toString());
        for (int i = 1; i < args.length && shown.length() < 160; i++) {
            if (args[i].equals("-cp") || args[i].equals("-classpath") || args[i].startsWith("-D")
                    || args[i].startsWith("-X")) {
                i += args[i].startsWith("-c") ? 1 : 0;
                continue;
            }
            shown.append(' ').append(args[i].length() > 80 ? args[i].substring(0, 77) + "…" : args[i]);
        }
        return shown.toString();
    }
}
