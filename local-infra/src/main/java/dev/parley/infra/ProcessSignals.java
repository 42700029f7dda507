package dev.parley.infra;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Signals Java cannot send itself (SIGSTOP, SIGCONT, SIGINT), through {@code kill}. */
public final class ProcessSignals {

    /** How long a process may take to act on SIGSTOP or SIGCONT: the kernel does it when it next runs the process. */
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(5);

    private ProcessSignals() {
    }

    /** The process and every one of its descendants, the process first. */
    public static List<ProcessHandle> withDescendants(ProcessHandle root) {
        List<ProcessHandle> tree = new ArrayList<>(List.of(root));
        root.descendants().forEach(tree::add);
        return tree;
    }

    /**
     * The two signals of a freeze: SIGSTOP, as a stalled host or a long stop-the-world pause would, and SIGCONT.
     * {@link #send(List)} returns once each process acted on it: {@code kill} returns when the signal is queued, and a
     * process busy on another core runs on until the kernel next schedules it.
     */
    public enum Freeze {
        STOP("-STOP", "freeze") {
            @Override
            boolean settled(ProcessHandle process) {
                return ProcessLiveness.isStopped(process) || !ProcessLiveness.isRunning(process);
            }
        },
        CONT("-CONT", "thaw") {
            @Override
            boolean settled(ProcessHandle process) {
                return !ProcessLiveness.isStopped(process);
            }
        };

        private final String signal;
        private final String verb;

        Freeze(String signal, String verb) {
            this.signal = signal;
            this.verb = verb;
        }

        public String verb() {
            return verb;
        }

        /** Sends the signal to every one of {@code processes} still there; returns once each acted on it. */
        public void send(List<ProcessHandle> processes) throws IOException {
            ProcessSignals.send(signal, processes);
            awaitEach(processes, this::settled, verb);
        }

        abstract boolean settled(ProcessHandle process);
    }

    private static void awaitEach(List<ProcessHandle> processes, Predicate<ProcessHandle> settled, String verb) {
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        for (ProcessHandle process : processes) {
            while (ProcessLiveness.isObservable(process) && !settled.test(process)) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException(
                            "Process " + process.pid() + " did not " + verb + " within " + SETTLE_TIMEOUT.toSeconds() + " s");
                }
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Sends {@code signal} ({@code -STOP}, …) to every one of {@code processes} still there. */
    public static void send(String signal, List<ProcessHandle> processes) throws IOException {
        List<String> command = new ArrayList<>(List.of("kill", signal));
        processes.forEach(process -> command.add(Long.toString(process.pid())));
        try {
            new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
