package dev.parley.gateway.ws.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class InboundFrameTests {

    @Test
    void aFrameInOnePartIsCompleteAtOnce() {
        assertThat(new InboundFrame(100).append("{\"type\":\"ping\"}", true))
                .isEqualTo(new InboundFrame.Complete("{\"type\":\"ping\"}"));
    }

    @Test
    void partsAreReassembled() {
        InboundFrame inbound = new InboundFrame(100);
        assertThat(inbound.append("{\"type\":", false)).isInstanceOf(InboundFrame.Incomplete.class);
        assertThat(inbound.append("\"ping\"}", true)).isEqualTo(new InboundFrame.Complete("{\"type\":\"ping\"}"));
        assertThat(inbound.append("next", true)).isEqualTo(new InboundFrame.Complete("next"));
    }

    @Test
    void theLimitCountsUtf8BytesAcrossParts() {
        InboundFrame inbound = new InboundFrame(10);
        assertThat(inbound.append("\u20ac\u20ac\u20ac", false)).isInstanceOf(InboundFrame.Incomplete.class); // 9 bytes
        assertThat(inbound.append("x", false)).isInstanceOf(InboundFrame.Incomplete.class); // 10
        assertThat(inbound.append("y", true)).isInstanceOf(InboundFrame.TooLarge.class); // 11
        assertThat(inbound.append("fits", true)).isEqualTo(new InboundFrame.Complete("fits"));
    }

    @Test
    void utf8LengthIsExactEvenWhenAPartEndsInsideASurrogatePair() {
        String text = "a\u00e9\u20ac\uD83D\uDE00";
        assertThat(InboundFrame.utf8Length(text)).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
        assertThat(InboundFrame.utf8Length("\uD83D") + InboundFrame.utf8Length("\uDE00")).isEqualTo(4);
    }
}
