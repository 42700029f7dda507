package dev.parley.infra.launcher;

import dev.parley.infra.ProcessLiveness;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * What a run started: a pid and its start time per component (so a recycled pid is never taken
 * for ours), and the launcher's own pid while it runs in the foreground.
 *
 * <p>Several launchers share the file — {@code ./parley up}, a {@code ./parley start} in another terminal, the
 * bench restarting a component — so a change is a read-modify-write under a lock every process honours (a lock file
 * beside it), and the new state replaces the old in one rename: a reader never sees a half-written file, and a
 * launcher killed mid-change leaves the previous state, never an empty one.
 */
final class StateFile {

    /** A file lock is held per JVM, not per thread: the threads of one JVM take this first. */
    private static final ReentrantLock IN_THIS_JVM = new ReentrantLock();

    private final Path path;

    StateFile(Path path) {
        this.path = path;
    }

    void record(String name, ProcessHandle process) {
        String started = process.info().startInstant().map(Instant::toString).orElse("");
        change(state -> {
            state.setProperty(name + ".pid", Long.toString(process.pid()));
            state.setProperty(name + ".started", started);
        });
    }

    void forget(String name) {
        change(state -> {
            state.remove(name + ".pid");
            state.remove(name + ".started");
        });
    }

    /** The live process recorded under this name, if it is still the one we started. */
    Optional<ProcessHandle> process(String name) {
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
    java.util.Set<String> names() {
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (String key : read().stringPropertyNames()) {
            if (key.endsWith(".pid")) {
                names.add(key.substring(0, key.length() - ".pid".length()));
            }
        }
        return names;
    }

    void delete() {
        locked(() -> {
            Files.deleteIfExists(path);
            return null;
        });
    }

    private void change(Consumer<Properties> change) {
        locked(() -> {
            Properties state = read();
            change.accept(state);
            write(state);
            return null;
        });
    }

    private <T> T locked(IoAction<T> action) {
        IN_THIS_JVM.lock();
        try {
            Files.createDirectories(path.getParent());
            Path lockFile = path.resolveSibling(path.getFileName() + ".lock");
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                return action.run();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            IN_THIS_JVM.unlock();
        }
    }

    private Properties read() {
        Properties state = new Properties();
        try (Reader in = Files.newBufferedReader(path)) {
            state.load(in);
        } catch (NoSuchFileException e) {
            // nothing started yet, or everything forgotten
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return state;
    }

    /** Written beside the file, then renamed over it. */
    private void write(Properties state) throws IOException {
        Path next = path.resolveSibling(path.getFileName() + ".next");
        try (Writer out = Files.newBufferedWriter(next)) {
            state.store(out, "Parley processes started by ./parley - do not edit");
        }
        Files.move(next, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private interface IoAction<T> {
        T run() throws IOException;
    }
}
