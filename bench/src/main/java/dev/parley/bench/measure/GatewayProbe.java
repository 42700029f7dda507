package dev.parley.bench.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What one ws-gateway process holds: heap used (from its {@code /actuator/prometheus}, optionally
 * right after a full GC requested with {@code jcmd <pid> GC.run}, so the figure is live data rather
 * than garbage), resident memory, open file descriptors and their limit (from /proc).
 */
public final class GatewayProbe {

    private final String serviceUrl;
    private final ProcessHandle process;

    public GatewayProbe(String serviceUrl, ProcessHandle process) {
        this.serviceUrl = serviceUrl;
        this.process = process;
    }

    public record Snapshot(long heapUsedBytes, long heapCommittedBytes, long rssBytes, long openFiles,
                           long maxOpenFiles, double readyConnections) {
    }

    /** @param afterGc request a full GC first (jcmd), so heap used is what is live */
    public Snapshot snapshot(boolean afterGc) {
        if (afterGc) {
            gc();
        }
        String metrics = Prometheus.scrape(serviceUrl);
        Path proc = Path.of("/proc", Long.toString(process.pid()));
        return new Snapshot((long) Prometheus.sum(metrics, "jvm_memory_used_bytes{", "area=\"heap\""),
                (long) Prometheus.sum(metrics, "jvm_memory_committed_bytes{", "area=\"heap\""),
                ProcStat.statusKb(proc, "VmRSS:") * 1024, openFiles(proc), maxOpenFiles(proc),
                Prometheus.sum(metrics, "parley_ws_connections_ready", ""));
    }

    public long pid() {
        return process.pid();
    }

    private void gc() {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process run = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "GC.run")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!run.waitFor(60, TimeUnit.SECONDS)) {
                run.destroyForcibly();
            }
        } catch (IOException e) {
            throw new IllegalStateException("jcmd GC.run failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long openFiles(Path proc) {
        try (Stream<Path> fds = Files.list(proc.resolve("fd"))) {
            return fds.count();
        } catch (IOException e) {
            return -1;
        }
    }

    private static long maxOpenFiles(Path proc) {
        String limits = ProcessSampler.read(proc.resolve("limits"));
        if (limits == null) {
            return -1;
        }
        for (String line : limits.split("\n")) {
            if (line.startsWith("Max open files")) {
                String[] fields = line.substring("Max open files".length()).strip().split("\\s+");
                return fields[0].equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(fields[0]);
            }
        }
        return -1;
    }
}
