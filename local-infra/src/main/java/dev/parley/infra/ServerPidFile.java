package dev.parley.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The pid file a server writes into its data folder ({@code postmaster.pid}, {@code redis.pid}), read
 * so that the server can be found — and stopped or crashed — even after the process that started it
 * is gone.
 */
final class ServerPidFile {

    /** Start times are derived from clock ticks since boot, so they can read a little late. */
    private static final Duration CLOCK_SLACK = Duration.ofSeconds(2);

    private ServerPidFile() {
    }

    /**
     * The live server named in {@code file}, if it is a {@code program} that started before the file
     * was last written — a pid recycled by another process since is never taken for the server.
     */
    static Optional<ProcessHandle> process(Path file, String program) {
        try {
            List<String> lines = Files.readAllLines(file);
            if (lines.isEmpty() || !lines.getFirst().strip().matches("[0-9]+")) {
                return Optional.empty();
            }
            Instant written = Files.getLastModifiedTime(file).toInstant();
            return ProcessHandle.of(Long.parseLong(lines.getFirst().strip()))
                    .filter(ProcessLiveness::isRunning)
                    .filter(process -> process.info().command().map(command -> command.contains(program)).orElse(false))
                    .filter(process -> process.info().startInstant()
                            .map(started -> !started.isAfter(written.plus(CLOCK_SLACK))).orElse(false));
        } catch (IOException e) {
            return Optional.empty(); // no pid file: the server stopped cleanly, or never started
        }
    }

    /**
     * Removes the file unless it names a live server. PostgreSQL takes a pid that still answers a
     * signal for a running server — a zombie does, where nothing reaps orphans (some containers'
     * init) — and would refuse to start after a crash.
     */
    static void removeIfStale(Path file, String program) {
        if (Files.exists(file) && process(file, program).isEmpty()) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("Could not remove the stale " + file, e);
            }
        }
    }
}
