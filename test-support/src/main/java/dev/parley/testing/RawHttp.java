package dev.parley.testing;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** HTTP read off a raw socket, for tests that must hold the socket itself (upgrades, clients that stop reading). */
public final class RawHttp {

    private RawHttp() {
    }

    /**
     * The head of a request or an answer, its blank line included, read a byte at a time so that nothing after it (a
     * WebSocket frame) is taken from the stream.
     *
     * @throws EOFException when the stream ends first
     */
    public static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.indexOf("\r\n\r\n") < 0) {
            int next = in.read();
            if (next < 0) {
                throw new EOFException("the stream ended within an HTTP head: " + head);
            }
            head.append((char) next);
        }
        return head.toString();
    }
}
