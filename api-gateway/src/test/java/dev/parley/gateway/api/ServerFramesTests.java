package dev.parley.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServerFramesTests {

    private final ServerFrames frames = new ServerFrames();

    @Test
    void framesSplitAnywhereAreFollowedToTheirEnds() {
        ByteBuf bytes = Unpooled.buffer();
        bytes.writeBytes(text(5)).writeBytes(text(300)).writeBytes(text(70_000));
        Set<Integer> ends = Set.of(2 + 5, 2 + 5 + 4 + 300, 2 + 5 + 4 + 300 + 10 + 70_000);
        for (int from = 0; from < bytes.readableBytes(); from++) {
            int to = from + 1;
            frames.pass(bytes.slice(from, to - from));
            assertThat(frames.betweenFrames()).as("after byte %d", to).isEqualTo(ends.contains(to));
        }
        assertThat(frames.betweenFrames()).isTrue();
        assertThat(frames.closeSent()).isFalse();
    }

    @Test
    void aHalfSentFrameIsNoPlaceForAFrameOfTheEdgesOwn() {
        ByteBuf frame = text(300);
        frames.pass(frame.slice(0, 3));
        assertThat(frames.betweenFrames()).isFalse();
        frames.pass(frame.slice(3, frame.readableBytes() - 3));
        assertThat(frames.betweenFrames()).isTrue();
    }

    @Test
    void aCloseFrameIsNoticedAndTheEdgesOwnCloseIsOneTheClientCanRead() {
        ByteBuf close = ServerFrames.close(ByteBufAllocator.DEFAULT, 1012, "restarting");
        assertThat((int) close.getUnsignedByte(0)).isEqualTo(0x88);
        assertThat((int) close.getUnsignedByte(1)).isEqualTo(2 + "restarting".length());
        assertThat(close.getUnsignedShort(2)).isEqualTo(1012);
        frames.pass(close);
        assertThat(frames.closeSent()).isTrue();
        assertThat(frames.betweenFrames()).isTrue();
        assertThat(ServerFrames.close(ByteBufAllocator.DEFAULT, 1011, "x".repeat(500)).readableBytes()).isEqualTo(127);
    }

    /** An unmasked text frame with {@code length} bytes of payload, as a server sends it. */
    private static ByteBuf text(int length) {
        ByteBuf frame = Unpooled.buffer().writeByte(0x81);
        if (length < 126) {
            frame.writeByte(length);
        } else if (length < 65_536) {
            frame.writeByte(126).writeShort(length);
        } else {
            frame.writeByte(127).writeLong(length);
        }
        return frame.writeBytes("x".repeat(length).getBytes(StandardCharsets.US_ASCII));
    }
}
