package dev.parley.bench.measure;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Reading Linux's /proc: a process's CPU ticks, context switches and memory, the machine's busy time. */
final class ProcStat {

    /** USER_HZ: the unit of the tick counts in /proc — 100 on every mainstream Linux. */
    static final double TICKS_PER_SECOND = 100.0;

    private ProcStat() {
    }

    /** utime + stime + cutime + cstime (fields 14–17 of /proc/pid/stat), or -1 when the process is gone. */
    static long cpuTicks(Path proc) {
        return ticks(proc, true);
    }

    /** utime + stime only: the process's own time, without its waited-for children's. */
    static long ownCpuTicks(Path proc) {
        return ticks(proc, false);
    }

    private static long ticks(Path proc, boolean withChildren) {
        String stat = ProcessSampler.read(proc.resolve("stat"));
        if (stat == null) {
            return -1;
        }
        // the command name (field 2) may hold spaces and parentheses: count fields after its last ')'
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long own = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return withChildren ? own + Long.parseLong(fields[13]) + Long.parseLong(fields[14]) : own;
    }

    /**
     * A process's live threads, from {@code /proc/pid/task/tid/schedstat} (one small file a thread: time on a CPU in
     * ns, then time waiting for one, then how many times it was put on one), added to {@code into}: each one's CPU time
     * and context switches — each time a thread is put on a CPU it had left, voluntarily or not, the same count as
     * {@code status}'s two {@code ctxt_switches}; every thread that sleeps and is woken again counts one, so a hand-off
     * between threads costs at least one. A thread's kind is read from its {@code comm} the first time it is seen
     * ({@code kinds}, by thread id). Nothing when the process is gone.
     */
    static void threads(Path proc, Map<Long, String> kinds, Threads.Builder into) {
        try (var threads = Files.newDirectoryStream(proc.resolve("task"))) {
            for (Path thread : threads) {
                String schedstat = ProcessSampler.read(thread.resolve("schedstat"));
                if (schedstat == null) {
                    continue; // ended
                }
                String[] fields = schedstat.strip().split(" ");
                long id = Long.parseLong(thread.getFileName().toString());
                String kind = kinds.computeIfAbsent(id, tid -> {
                    String comm = ProcessSampler.read(thread.resolve("comm"));
                    return comm == null ? "?" : threadKind(comm.strip());
                });
                into.add(id, kind, Long.parseLong(fields[0]), Long.parseLong(fields[2]));
            }
        } catch (IOException | DirectoryIteratorException e) {
            // the process or a thread ended while it was read: what was read stands
        }
    }

    /**
     * A thread's name with its numbers taken out, so that a pool's threads add up: {@code messages-0-C-1} is
     * {@code messages-*-C-*}. Linux keeps a thread's first 15 characters only ({@code kafka-producer-} for every
     * producer's network thread).
     */
    static String threadKind(String name) {
        return name.replaceAll("[0-9]+", "*");
    }

    /** A "Key:   123 kB" line of /proc/pid/status, in kB; 0 when absent. */
    static long statusKb(Path proc, String key) {
        String status = ProcessSampler.read(proc.resolve("status"));
        if (status == null) {
            return 0;
        }
        for (String line : status.split("\n")) {
            if (line.startsWith(key)) {
                return Long.parseLong(line.substring(key.length()).replace("kB", "").strip());
            }
        }
        return 0;
    }

    /** Proportional set size from /proc/pid/smaps_rollup, in kB; 0 when unavailable. */
    static long pssKb(Path proc) {
        String rollup = ProcessSampler.read(proc.resolve("smaps_rollup"));
        if (rollup == null) {
            return 0;
        }
        for (String line : rollup.split("\n")) {
            if (line.startsWith("Pss:")) {
                return Long.parseLong(line.substring(4).replace("kB", "").strip());
            }
        }
        return 0;
    }

    /** All CPUs' non-idle ticks since boot (/proc/stat: user nice system irq softirq steal). */
    static long machineBusyTicks() {
        long[] cpu = machineTicks();
        return cpu.length < 8 ? 0 : cpu[0] + cpu[1] + cpu[2] + cpu[5] + cpu[6] + cpu[7];
    }

    static long machineTotalTicks() {
        long total = 0;
        long[] cpu = machineTicks();
        for (int i = 0; i < Math.min(cpu.length, 8); i++) {
            total += cpu[i];
        }
        return total;
    }

    private static long[] machineTicks() {
        String stat = ProcessSampler.read(Path.of("/proc/stat"));
        if (stat == null) {
            return new long[0];
        }
        String[] fields = stat.substring(0, stat.indexOf('\n')).split("\\s+");
        long[] ticks = new long[fields.length - 1];
        for (int i = 1; i < fields.length; i++) {
            ticks[i - 1] = Long.parseLong(fields[i]);
        }
        return ticks;
    }
}
