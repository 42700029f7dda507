package dev.parley.message.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The local file storage of the tests ({@code parley.files.local.directory} in application-test.yml), as counted. */
final class TestStorage {

    static final Path DIRECTORY = Path.of("target/test-files");

    private TestStorage() {
    }

    /** Files stored whole. */
    static long storedObjects() {
        return count(path -> true);
    }

    /** Files still being written, or left half-written. */
    static long partialWrites() {
        return count(path -> path.getFileName().toString().endsWith(".part"));
    }

    private static long count(java.util.function.Predicate<Path> which) {
        try (Stream<Path> files = Files.walk(DIRECTORY)) {
            return files.filter(Files::isRegularFile).filter(which).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
