package dev.parley.gateway.ws.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A server frame serialized once, ready to be written to any number of sessions: the whole WebSocket text
 * frame — header and UTF-8 payload, as it goes on the wire; a server's frames are not masked (RFC 6455 §5.1),
 * so every recipient gets the same bytes — sits in one direct buffer that every recipient's write shares (a
 * duplicate each: no copy, no frame object and no encoding per recipient). {@code type} is the frame's
 * {@code type} (for metrics); {@link #bytes()} its payload size, which the send buffers count. The buffer
 * belongs to the garbage collector, not to reference counting: no write can release it while other recipients
 * still need it.
 */
public final class OutboundFrame {

    /** FIN and the text opcode: a whole message in one frame. */
    private static final byte FINAL_TEXT = (byte) 0x81;

    private final String type;
    private final ByteBuf wire;
    private final int bytes;

    private OutboundFrame(String type, ByteBuf wire, int bytes) {
        this.type = type;
        this.wire = wire;
        this.bytes = bytes;
    }

    public static OutboundFrame of(String type, byte[] utf8) {
        int length = utf8.length;
        int header = length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
        ByteBuffer direct = ByteBuffer.allocateDirect(header + length).put(FINAL_TEXT);
        if (length < 126) {
            direct.put((byte) length);
        } else if (length <= 0xFFFF) {
            direct.put((byte) 126).putShort((short) length);
        } else {
            direct.put((byte) 127).putLong(length);
        }
        direct.put(utf8).flip();
        return new OutboundFrame(type, Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(direct)), length);
    }

    public static OutboundFrame of(String type, String text) {
        return of(type, text.getBytes(StandardCharsets.UTF_8));
    }

    public String type() {
        return type;
    }

    public int bytes() {
        return bytes;
    }

    /** The frame's bytes, header included, for one write (a view: the frame itself stays untouched). */
    public ByteBuf wire() {
        return wire.duplicate();
    }

    public String text() {
        return wire.toString(wire.readableBytes() - bytes, bytes, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "OutboundFrame[" + type + ", " + bytes() + " bytes]";
    }
}
