package dev.parley.infra.launcher;

import dev.parley.infra.ProcessLiveness;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

/**
 * What a run started: a pid and its start time per component (so a recycled pid is never taken
 * for ours), and the launcher's own pid while it runs in the foreground.
 */
final class StateFile {

    private final Path path;

    StateFile(Path path) {
        this.path = path;
    }

    synchronized void record(String name, ProcessHandle process) {
        Properties state = read();
        state.setProperty(name + ".pid", Long.toString(process.pid()));
        state.setProperty(name + ".started", process.info().startInstant().map(Instant::toString).orElse(""));
        write(state);
    }

    synchronized void forget(String name) {
        Properties state = read();
        state.remove(name + ".pid");
        state.remove(name + ".started");
        write(state);
    }

    /** The live process recorded under this name, if it is still the one we started. */
    synchronized Optional<ProcessHandle> process(String name) {
        Properties state = read();
        String pid = state.getProperty(name + ".pid");
        if (pid == null) {
            return Optional.empty();
        }
        String started = state.getProperty(name + ".started", "");
        return ProcessHandle.of(Long.parseLong(pid))
                .filter(ProcessLiveness::isRunning)
                .filter(handle -> handle.info().startInstant().map(Instant::toString).orElse("").equals(started));
    }

    /** Every name a process is recorded under, live or not. */
    synchronized java.util.Set<String> names() {
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (String key : read().stringPropertyNames()) {
            if (key.endsWith(".pid")) {
                names.add(key.substring(0, key.length() - ".pid".length()));
            }
        }
        return names;
    }

    synchronized void delete() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Properties read() {
        Properties state = new Properties();
        if (Files.exists(path)) {
            try (Reader in = Files.newBufferedReader(path)) {
                state.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return state;
    }

    private void write(Properties state) {
        try {
            Files.createDirectories(path.getParent());
            try (Writer out = Files.newBufferedWriter(path)) {
                state.store(out, "Parley processes started by ./parley - do not edit");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
