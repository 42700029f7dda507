package dev.parley.infra;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Signals Java cannot send itself (SIGSTOP, SIGCONT, SIGINT), through {@code kill}. */
public final class ProcessSignals {

    private ProcessSignals() {
    }

    /** The process and every one of its descendants, the process first. */
    public static List<ProcessHandle> withDescendants(ProcessHandle root) {
        List<ProcessHandle> tree = new ArrayList<>(List.of(root));
        root.descendants().forEach(tree::add);
        return tree;
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
