package dev.parley.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a process still runs. {@link ProcessHandle#isAlive()} counts a zombie as alive, and a
 * server that daemonized is reaped only by init: some reap late (here about 1.5 s), some containers'
 * never. A zombie holds no port, file or memory any more, so it counts as gone.
 */
public final class ProcessLiveness {

    private ProcessLiveness() {
    }

    public static boolean isRunning(ProcessHandle process) {
        return process.isAlive() && !isZombie(process.pid());
    }

    /** Linux's {@code /proc/<pid>/stat}: the state follows the parenthesized command name. */
    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 1).strip().startsWith("Z");
        } catch (IOException | RuntimeException e) {
            return false; // no /proc (not Linux), or the process is gone, which isAlive() reports
        }
    }
}
