package dev.parley.message.files;

import java.io.BufferedInputStream;
import java.io.IOException;
import org.apache.tika.Tika;
import org.springframework.stereotype.Component;

/**
 * A file's content type, from its first bytes alone (Apache Tika's magic numbers and text detection): never
 * from the type or the file name the uploader claimed, so that nothing is served as what it is not.
 */
@Component
class ContentSniffer {

    static final String UNKNOWN = "application/octet-stream";
    /** Enough for every magic number Tika knows: it reads no further than this into a file. */
    static final int HEAD_BYTES = 64 * 1024;

    private final Tika tika = new Tika();

    /** Looks at the head of {@code content} and leaves it where it was (mark and reset). */
    String sniff(BufferedInputStream content) throws IOException {
        String type = tika.detect(content);
        return type == null || type.isBlank() ? UNKNOWN : type;
    }
}
