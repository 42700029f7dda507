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

    private static final char UNKNOWN = '?';

    private ProcessLiveness() {
    }

    public static boolean isRunning(ProcessHandle process) {
        return process.isAlive() && state(process) != 'Z';
    }

    /** Whether the process is stopped by a signal (SIGSTOP): state T in /proc. */
    public static boolean isStopped(ProcessHandle process) {
        return state(process) == 'T';
    }

    /** Whether /proc tells this process's state: false off Linux, or once the process is gone. */
    public static boolean isObservable(ProcessHandle process) {
        return state(process) != UNKNOWN;
    }

    /**
     * Linux's {@code /proc/<pid>/stat}: the state letter follows the parenthesized command name. Unknown when it
     * cannot be read ({@link #UNKNOWN}): no /proc (not Linux), or the process is gone, which {@link ProcessHandle#isAlive()} reports.
     */
    private static char state(ProcessHandle process) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            String rest = stat.substring(stat.lastIndexOf(')') + 1).strip();
            return rest.isEmpty() ? UNKNOWN : rest.charAt(0);
        } catch (IOException | RuntimeException e) {
            return UNKNOWN;
        }
    }
}
