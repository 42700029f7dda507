package dev.parley.gateway.ws.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A server frame serialized once, ready to be written to any number of sessions: its UTF-8 payload sits in
 * one direct buffer that every recipient's write shares (a duplicate each, no copy and no encoding per
 * recipient). {@code type} is the frame's {@code type} (for metrics); {@link #bytes()} its payload size,
 * which the send buffers count. The buffer belongs to the garbage collector, not to reference counting:
 * no write can release it while other recipients still need it.
 */
public final class OutboundFrame {

    private final String type;
    private final ByteBuf payload;
    private final int bytes;

    private OutboundFrame(String type, ByteBuf payload) {
        this.type = type;
        this.payload = payload;
        this.bytes = payload.readableBytes();
    }

    public static OutboundFrame of(String type, byte[] utf8) {
        ByteBuffer direct = ByteBuffer.allocateDirect(utf8.length).put(utf8).flip();
        return new OutboundFrame(type, Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(direct)));
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

    /** A view of the payload for one write; the frame itself stays untouched. */
    public ByteBuf payload() {
        return payload.duplicate();
    }

    public String text() {
        return payload.toString(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "OutboundFrame[" + type + ", " + bytes() + " bytes]";
    }
}
