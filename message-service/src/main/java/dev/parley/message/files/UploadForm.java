package dev.parley.message.files;

import jakarta.servlet.http.HttpServletRequest;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.commons.fileupload2.core.DiskFileItem;
import org.apache.commons.fileupload2.core.DiskFileItemFactory;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadSizeException;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;

/**
 * A {@code multipart/form-data} request body, read one part at a time as it arrives: nothing is parsed ahead,
 * buffered whole or written anywhere but where the reader of a part copies it. A part may hold at most
 * {@code maxPartBytes}; the whole body that plus {@link #ENVELOPE_BYTES}. Reading past either limit fails with
 * {@link TooLarge} at once, without reading on — as does a body that declares a larger length up front.
 */
final class UploadForm {

    /** Room for the boundaries, the part headers and a few small fields besides the file. */
    static final long ENVELOPE_BYTES = 64 * 1024;

    private final HttpServletRequest request;
    private FileItemInputIterator parts;

    UploadForm(HttpServletRequest request) {
        this.request = request;
    }

    /** Starts reading, with a part's limit; a body whose declared length is over the limit fails here. */
    void open(long maxPartBytes) throws IOException {
        JakartaServletFileUpload<DiskFileItem, DiskFileItemFactory> upload = new JakartaServletFileUpload<>();
        upload.setHeaderCharset(StandardCharsets.UTF_8); // browsers send a file name's UTF-8 as it is
        upload.setMaxFileSize(maxPartBytes);
        upload.setMaxSize(maxPartBytes + ENVELOPE_BYTES);
        try {
            parts = upload.getItemIterator(request);
        } catch (IOException e) {
            throw translated(e);
        }
    }

    /** A part: its form field name, the file name its sender gave (or {@code null}), and its bytes. */
    record Part(String fieldName, String fileName, InputStream content) {
    }

    /** The next part, once the previous one has been read or skipped; empty after the last. */
    Optional<Part> next() throws IOException {
        try {
            if (!parts.hasNext()) {
                return Optional.empty();
            }
            FileItemInput item = parts.next();
            return Optional.of(new Part(item.getFieldName(), item.getName(), new Translated(item.getInputStream())));
        } catch (IOException e) {
            throw translated(e);
        }
    }

    /** The body, or one part of it, is larger than its limit. */
    static final class TooLarge extends IOException {
        TooLarge(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** The body is not a complete multipart/form-data request (malformed, cut short, the client gone). */
    static final class Unreadable extends IOException {
        Unreadable(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }

    private static IOException translated(IOException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof FileUploadSizeException) {
                return new TooLarge(e);
            }
        }
        return e instanceof TooLarge || e instanceof Unreadable ? e : new Unreadable(e);
    }

    /** A part's bytes, whose failures say whose they are: the sender's (too large, unreadable). */
    private static final class Translated extends FilterInputStream {

        Translated(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                throw translated(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                throw translated(e);
            }
        }
    }
}
