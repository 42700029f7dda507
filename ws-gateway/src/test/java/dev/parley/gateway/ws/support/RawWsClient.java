package dev.parley.gateway.ws.support;

import dev.parley.testing.RawHttp;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A WebSocket client on a plain socket, for what the JDK's client will not do: send any bytes as a
 * text frame, not answer pings, and stop reading altogether (with a small receive buffer, so the
 * server's writes to it soon block). Single-threaded: only the test thread uses it.
 */
public final class RawWsClient implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private boolean answerPings = true;

    /** A frame as received: opcode and payload. */
    public record Frame(int opcode, byte[] payload) {

        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        public int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
        }
    }

    private RawWsClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects and upgrades, with a bearer token; {@code receiveBuffer} > 0 sets SO_RCVBUF first. */
    public static RawWsClient connect(URI uri, String bearerToken, int receiveBuffer) {
        try {
            Socket socket = new Socket();
            if (receiveBuffer > 0) {
                socket.setReceiveBufferSize(receiveBuffer);
            }
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5000);
            socket.setSoTimeout(10_000);
            RawWsClient client = new RawWsClient(socket);
            byte[] key = new byte[16];
            RANDOM.nextBytes(key);
            String request = "GET " + uri.getPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\n"
                    + (bearerToken == null ? "" : "Authorization: Bearer " + bearerToken + "\r\n") + "\r\n";
            client.out.write(request.getBytes(StandardCharsets.US_ASCII));
            client.out.flush();
            String status = client.readHeaders();
            if (!status.contains(" 101 ")) {
                throw new IllegalStateException("upgrade refused: " + status);
            }
            return client;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets SO_RCVBUF now: a client that reads again takes what waits for it as fast as its window lets it. */
    public RawWsClient receiveBuffer(int bytes) {
        try {
            socket.setReceiveBufferSize(bytes);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public RawWsClient answerPings(boolean answer) {
        this.answerPings = answer;
        return this;
    }

    public RawWsClient sendText(String text) {
        return sendFrame(0x1, text.getBytes(StandardCharsets.UTF_8), true);
    }

    /** Any bytes, masked as a client must; {@code fin=false} starts a fragmented message. */
    public RawWsClient sendFrame(int opcode, byte[] payload, boolean fin) {
        try {
            ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
            frame.write((fin ? 0x80 : 0) | opcode);
            if (payload.length < 126) {
                frame.write(0x80 | payload.length);
            } else if (payload.length < 65536) {
                frame.write(0x80 | 126);
                frame.write(payload.length >>> 8);
                frame.write(payload.length & 0xff);
            } else {
                frame.write(0x80 | 127);
                frame.write(ByteBuffer.allocate(8).putLong(payload.length).array());
            }
            byte[] mask = new byte[4];
            RANDOM.nextBytes(mask);
            frame.write(mask);
            for (int i = 0; i < payload.length; i++) {
                frame.write(payload[i] ^ mask[i % 4]);
            }
            out.write(frame.toByteArray());
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Bytes as they are, where the server expects a frame. */
    public RawWsClient sendRaw(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Half-closes: the server sees the end of the stream. */
    public void shutdownOutput() {
        try {
            socket.shutdownOutput();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next frame (pings answered unless told not to, and returned either way). */
    public Frame read(Duration timeout) {
        try {
            socket.setSoTimeout((int) timeout.toMillis());
            int first = in.readUnsignedByte();
            int second = in.readUnsignedByte();
            long length = second & 0x7f;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            byte[] payload = new byte[(int) length];
            in.readFully(payload);
            Frame frame = new Frame(first & 0x0f, payload);
            if (frame.opcode() == 0x9 && answerPings) {
                sendFrame(0xA, payload, true);
            }
            return frame;
        } catch (SocketTimeoutException e) {
            return null;
        } catch (EOFException e) {
            return new Frame(-1, new byte[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next text frame, parsed, skipping pings and pongs; fails on anything else. */
    public JsonNode next(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Frame frame = read(Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())));
            if (frame == null) {
                throw new AssertionError("no frame within " + timeout);
            }
            if (frame.opcode() == 0x1) {
                return JSON.readTree(frame.text());
            }
            if (frame.opcode() != 0x9 && frame.opcode() != 0xA) {
                throw new AssertionError("expected a text frame, got opcode " + frame.opcode());
            }
        }
    }

    /** Reads (and drops) everything until the close frame; its code, or -1 when the connection just ended. */
    public int awaitClose(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Frame frame = read(Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())));
            if (frame == null) {
                break;
            }
            if (frame.opcode() == 0x8) {
                return frame.closeCode();
            }
            if (frame.opcode() == -1) {
                return -1;
            }
        }
        throw new AssertionError("not closed within " + timeout);
    }

    private String readHeaders() throws IOException {
        String head = RawHttp.readHead(in);
        return head.substring(0, head.indexOf("\r\n"));
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
