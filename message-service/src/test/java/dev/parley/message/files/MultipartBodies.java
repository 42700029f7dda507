package dev.parley.message.files;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** multipart/form-data bodies as a client writes them, byte for byte, so that the service parses them itself. */
final class MultipartBodies {

    static final String BOUNDARY = "parley-test-boundary-7MA4YWxkTrZu0gW";
    static final String CONTENT_TYPE = "multipart/form-data; boundary=" + BOUNDARY;

    private MultipartBodies() {
    }

    /** A part: its field name, the file name (or {@code null}: a plain field), the type it claims, its bytes. */
    record Part(String field, String fileName, String claimedType, byte[] content) {
    }

    static Part file(String fileName, String claimedType, byte[] content) {
        return new Part("file", fileName, claimedType, content);
    }

    static byte[] of(Part... parts) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Part part : parts) {
            StringBuilder head = new StringBuilder("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"")
                    .append(part.field()).append('"');
            if (part.fileName() != null) {
                head.append("; filename=\"").append(part.fileName()).append('"');
            }
            head.append("\r\n");
            if (part.claimedType() != null) {
                head.append("Content-Type: ").append(part.claimedType()).append("\r\n");
            }
            body.writeBytes(head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
            body.writeBytes(part.content());
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    /** The 8-byte signature and a minimal IHDR chunk's start: enough for any sniffer to call it PNG. */
    static byte[] png(int size) {
        byte[] png = new byte[size];
        byte[] head = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        System.arraycopy(head, 0, png, 0, head.length);
        return png;
    }
}
