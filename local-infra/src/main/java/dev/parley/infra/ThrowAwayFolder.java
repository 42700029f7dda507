package dev.parley.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/**
 * A folder in the system's temporary directory for what a server needs only while it runs — a test's data, the
 * unpacked Redis binary — removed when the server closes, so that test runs on a shared machine leave nothing
 * behind (each test JVM starts its own broker, database and cache).
 */
final class ThrowAwayFolder {

    private ThrowAwayFolder() {}

    static Path create(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes {@code folder} and everything in it; a folder already gone is no error. */
    static void remove(Path folder) {
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
