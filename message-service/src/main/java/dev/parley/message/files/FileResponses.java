package dev.parley.message.files;

import dev.parley.events.message.Attachment;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;

/**
 * The headers of a file's bytes: its stored (sniffed) type, which the browser must not second-guess; shown in
 * the page only when it is a raster image, offered as a download otherwise (SVG included: it can carry
 * script); and, should a browser render it anyway, a policy that lets it run nothing and load nothing.
 */
final class FileResponses {

    static final Set<String> INLINE_TYPES = Set.of("image/png", "image/jpeg", "image/gif", "image/webp");
    static final String CONTENT_SECURITY_POLICY = "sandbox; default-src 'none'";

    private FileResponses() {
    }

    static void describe(Attachment file, HttpServletResponse response) {
        response.setContentType(file.contentType());
        response.setContentLengthLong(file.size());
        ContentDisposition.Builder disposition = INLINE_TYPES.contains(file.contentType())
                ? ContentDisposition.inline() : ContentDisposition.attachment();
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                disposition.filename(file.name(), StandardCharsets.UTF_8).build().toString());
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader(HttpHeaders.CACHE_CONTROL, "private");
    }
}
