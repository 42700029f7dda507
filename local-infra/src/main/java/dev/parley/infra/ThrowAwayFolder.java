package dev.parley.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;

/**
 * A folder in the system's temporary directory for what a server needs only while it runs — a test's data, the
 * unpacked Redis binary — removed when the server closes, so that test runs on a shared machine leave nothing
 * behind (each test JVM starts its own broker, database and cache). A process killed before it could close its
 * servers leaves its folders: the name carries the owning process's id, and the next folder of the same kind
 * removes those whose process is gone.
 */
public final class ThrowAwayFolder {

    private static final Path TEMP = Path.of(System.getProperty("java.io.tmpdir"));

    private ThrowAwayFolder() {}

    /** A new folder named {@code <prefix><pid>-<random>}, after removing those of processes that are gone. */
    static Path create(String prefix) {
        try {
            removeLeftBehind(TEMP, prefix);
            return Files.createTempDirectory(prefix + ProcessHandle.current().pid() + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes the {@code prefix} folders in {@code parent} whose owning process no longer runs. */
    static void removeLeftBehind(Path parent, String prefix) throws IOException {
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(parent, prefix + "*")) {
            for (Path folder : folders) {
                owner(folder.getFileName().toString(), prefix)
                        .filter(pid -> ProcessHandle.of(pid).isEmpty())
                        .ifPresent(gone -> removeQuietly(folder));
            }
        }
    }

    /** The process id in {@code <prefix><pid>-<random>}; empty for any other name. */
    static Optional<Long> owner(String name, String prefix) {
        int dash = name.indexOf('-', prefix.length());
        if (!name.startsWith(prefix) || dash <= prefix.length()) {
            return Optional.empty();
        }
        String pid = name.substring(prefix.length(), dash);
        return pid.chars().allMatch(Character::isDigit) && pid.length() < 19 ? Optional.of(Long.parseLong(pid))
                : Optional.empty();
    }

    /** Another user's folder, or one a concurrent sweep removes first, is left to them. */
    private static void removeQuietly(Path folder) {
        try {
            remove(folder);
        } catch (UncheckedIOException e) {
            // not ours to remove, or already gone
        }
    }

    /**
     * Removes {@code folder} and everything in it, as far as it can: a file it may not delete is left (with the
     * folders above it), and a folder already gone is no error.
     */
    public static void remove(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (var paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
