package dev.parley.message.files;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where the bytes of uploads are kept, each under a key (the file's id): a local directory or an S3-compatible
 * store ({@code parley.files.storage}). Nothing is ever held whole in memory. PostgreSQL's {@code files} table
 * says which keys exist for the API: an object without its row is unreachable, and harmless.
 */
interface FileStorage {

    /**
     * Stores everything {@code content} yields under {@code key}, all or nothing: when reading it fails (an
     * upload over the limit, a client gone), no object remains. Returns how many bytes were stored.
     */
    long write(String key, InputStream content) throws IOException;

    /** The stored bytes, for the caller to close; {@link java.nio.file.NoSuchFileException} when there are none. */
    InputStream open(String key) throws IOException;

    /** Removes the object; one that is not there is not an error. */
    void delete(String key) throws IOException;
}
