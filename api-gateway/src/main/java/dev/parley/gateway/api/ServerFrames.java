package dev.parley.gateway.api;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;

/**
 * Where the WebSocket frames from ws-gateway to a client begin and end, read from their headers only
 * (payloads are skipped, never copied). The edge relays those bytes as they come; it needs the frame
 * boundaries just to put a close frame of its own between two frames — 1011 when ws-gateway vanished
 * without one, 1012 when the edge itself stops — and to know that a close already went.
 */
final class ServerFrames {

    private static final int CLOSE = 0x8;

    private final byte[] header = new byte[14];
    private int headerLength;
    private long payloadLeft;
    private boolean closeSent;

    /** Takes note of the bytes in {@code bytes}' readable part, which go to the client as they are. */
    void pass(ByteBuf bytes) {
        int index = bytes.readerIndex();
        int end = bytes.writerIndex();
        while (index < end) {
            if (payloadLeft > 0) {
                int skipped = (int) Math.min(payloadLeft, end - index);
                index += skipped;
                payloadLeft -= skipped;
                continue;
            }
            header[headerLength++] = bytes.getByte(index++);
            if (headerLength >= 2 && headerLength == headerSize()) {
                closeSent |= (header[0] & 0x0F) == CLOSE;
                payloadLeft = payloadLength();
                headerLength = 0;
            }
        }
    }

    /** No frame is half sent: a frame of the edge's own may go now. */
    boolean betweenFrames() {
        return headerLength == 0 && payloadLeft == 0;
    }

    boolean closeSent() {
        return closeSent;
    }

    /** A close frame from the server's side (unmasked), at most 123 bytes of reason. */
    static ByteBuf close(ByteBufAllocator allocator, int code, String reason) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        int length = Math.min(text.length, 123);
        ByteBuf frame = allocator.buffer(4 + length);
        frame.writeByte(0x80 | CLOSE).writeByte(2 + length).writeShort(code).writeBytes(text, 0, length);
        return frame;
    }

    private int headerSize() {
        int length = header[1] & 0x7F;
        int extended = length == 126 ? 2 : length == 127 ? 8 : 0;
        int mask = (header[1] & 0x80) != 0 ? 4 : 0;
        return 2 + extended + mask;
    }

    private long payloadLength() {
        int length = header[1] & 0x7F;
        if (length == 126) {
            return ((header[2] & 0xFFL) << 8) | (header[3] & 0xFFL);
        }
        if (length == 127) {
            long value = 0;
            for (int i = 2; i < 10; i++) {
                value = (value << 8) | (header[i] & 0xFFL);
            }
            return value;
        }
        return length;
    }
}
