package dev.parley.message.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Pattern;

/**
 * Files in a directory, {@code <directory>/<first two characters of the key>/<key>}, so that no directory
 * holds them all. An upload is written to a temporary file beside its final place and moved there in one step:
 * a reader never sees half a file, and a failed upload leaves nothing. Several instances of message-service
 * share the directory (a shared volume) or use S3.
 */
class LocalFileStorage implements FileStorage {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{2,127}");

    private final Path directory;

    LocalFileStorage(Path directory) {
        try {
            this.directory = Files.createDirectories(directory).toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot use " + directory + " for files (parley.files.local.directory)", e);
        }
    }

    @Override
    public long write(String key, InputStream content) throws IOException {
        Path target = pathOf(key);
        Path parent = Files.createDirectories(target.getParent());
        Path partial = Files.createTempFile(parent, ".upload-", ".part");
        try {
            long written = Files.copy(content, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            return written;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    @Override
    public InputStream open(String key) throws IOException {
        return Files.newInputStream(pathOf(key));
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(pathOf(key));
    }

    /** Keys are made by this service (file ids), but a path is only ever built from a plain one. */
    private Path pathOf(String key) {
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("Not a storage key: " + key);
        }
        return directory.resolve(key.substring(0, 2)).resolve(key);
    }
}
