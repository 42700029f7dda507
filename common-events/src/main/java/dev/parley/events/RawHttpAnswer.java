package dev.parley.events;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP/1.1 answer read off a socket, for what an HTTP client will not send or will not show: a head too large, a
 * request line too long, a refused WebSocket upgrade (the JDK's WebSocket client drops the body). Read as a client
 * would: the head up to its blank line, then the body its head announces — {@code Content-Length} bytes, chunks up to
 * the last one, or everything until the server closes; none after a 1xx, 204 or 304.
 *
 * @param headers the head's fields by lower-case name; a field sent twice joined with ", "
 * @param body    the body as UTF-8, a chunked one joined
 */
public record RawHttpAnswer(int status, Map<String, String> headers, String body) {

    /** The most of a head, or of a body, read before the answer is taken as hostile. */
    private static final int MAX_BYTES = 1024 * 1024;

    public RawHttpAnswer {
        headers = Map.copyOf(headers);
    }

    /** Reads one answer from {@code in}, and no more: the connection can go on (after a 101, as a WebSocket). */
    public static RawHttpAnswer read(InputStream in) throws IOException {
        String[] head = head(in).split("\r\n");
        String[] statusLine = head[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/") || !statusLine[1].matches("\\d{3}")) {
            throw new ProtocolException("Not an HTTP answer: " + head[0]);
        }
        int status = Integer.parseInt(statusLine[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < head.length; i++) {
            int colon = head[i].indexOf(':');
            if (colon <= 0) {
                throw new ProtocolException("Not a header field: " + head[i]);
            }
            headers.merge(head[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), head[i].substring(colon + 1).trim(),
                    (first, second) -> first + ", " + second);
        }
        return new RawHttpAnswer(status, headers, new String(body(status, headers, in), StandardCharsets.UTF_8));
    }

    /** {@link #read} of an answer already read in full. */
    public static RawHttpAnswer parse(String raw) {
        try {
            return read(new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The field's value, by any case of its name. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The {@code Content-Type}, null when there is none. */
    public String contentType() {
        return headers.get("content-type");
    }

    /** The answer as contract §2's problem document, whole or not. */
    public ProblemDocument problem() {
        return ProblemDocument.read(status, contentType(), body);
    }

    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw head.size() == 0 ? new EOFException("Closed without an answer")
                        : new ProtocolException("Not an HTTP answer with a whole head: " + head.toString(StandardCharsets.ISO_8859_1));
            }
            head.write(b);
            last = (last << 8) | b;
            if (last == 0x0d0a0d0a) {
                byte[] bytes = head.toByteArray();
                return new String(bytes, 0, bytes.length - 4, StandardCharsets.ISO_8859_1);
            }
            if (head.size() > MAX_BYTES) {
                throw new ProtocolException("A head of more than " + MAX_BYTES + " bytes");
            }
        }
    }

    private static byte[] body(int status, Map<String, String> headers, InputStream in) throws IOException {
        if (status / 100 == 1 || status == 204 || status == 304) {
            return new byte[0];
        }
        if ("chunked".equalsIgnoreCase(headers.getOrDefault("transfer-encoding", ""))) {
            return chunks(in);
        }
        String length = headers.get("content-length");
        if (length != null) {
            if (!length.matches("\\d{1,18}")) {
                throw new ProtocolException("Not a Content-Length: " + length);
            }
            return exactly(in, (int) Math.min(Long.parseLong(length), MAX_BYTES + 1L));
        }
        return limited(in.readNBytes(MAX_BYTES + 1));
    }

    private static byte[] chunks(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            int size = chunkSize(line(in));
            if (size == 0) {
                String trailer; // fields after the last chunk, up to a blank line: not kept
                do {
                    trailer = line(in);
                } while (!trailer.isEmpty());
                return body.toByteArray();
            }
            if (size > MAX_BYTES - body.size()) {
                throw new ProtocolException("A body of more than " + MAX_BYTES + " bytes");
            }
            body.write(exactly(in, size));
            if (!line(in).isEmpty()) {
                throw new ProtocolException("A chunk longer than its size");
            }
        }
    }

    private static int chunkSize(String line) throws ProtocolException {
        String size = line.split(";")[0].trim();
        if (!size.matches("[0-9a-fA-F]{1,7}")) {
            throw new ProtocolException("Not a chunk's size: " + line);
        }
        return Integer.parseInt(size, 16);
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new EOFException("A chunked body cut short");
            }
            if (b != '\r') {
                line.append((char) b);
            }
            if (line.length() > 1024) {
                throw new ProtocolException("A chunk's line of more than 1 KiB");
            }
        }
        return line.toString();
    }

    private static byte[] exactly(InputStream in, int length) throws IOException {
        byte[] bytes = limited(in.readNBytes(length));
        if (bytes.length < length) {
            throw new EOFException("A body cut short: " + bytes.length + " of " + length + " bytes");
        }
        return bytes;
    }

    private static byte[] limited(byte[] bytes) throws ProtocolException {
        if (bytes.length > MAX_BYTES) {
            throw new ProtocolException("A body of more than " + MAX_BYTES + " bytes");
        }
        return bytes;
    }
}
