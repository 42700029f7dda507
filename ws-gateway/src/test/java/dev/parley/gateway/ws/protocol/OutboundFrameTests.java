package dev.parley.gateway.ws.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A frame's bytes, written as they are, are what a client's decoder reads as one whole text message. */
class OutboundFrameTests {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 125, 126, 127, 65_535, 65_536, 200_000}) // each header length and its edges
    void theWireBytesAreOneUnmaskedFinalTextFrameOfThePayload(int length) {
        String payload = "é".repeat(length / 2) + "x".repeat(length % 2);
        OutboundFrame frame = OutboundFrame.of("message", payload);
        // a client's decoder: the server's frames must not be masked
        EmbeddedChannel client = new EmbeddedChannel(new WebSocket08FrameDecoder(WebSocketDecoderConfig.newBuilder()
                .expectMaskedFrames(false).allowMaskMismatch(false).maxFramePayloadLength(1 << 20).build()));

        client.writeInbound(frame.wire());
        client.writeInbound(frame.wire()); // a second recipient's view: the same bytes again

        for (int recipient = 0; recipient < 2; recipient++) {
            TextWebSocketFrame read = client.readInbound();
            assertThat(read.isFinalFragment()).isTrue();
            assertThat(read.text()).isEqualTo(payload);
            read.release();
        }
        assertThat((Object) client.readInbound()).isNull();
        assertThat(frame.bytes()).isEqualTo(length);
        assertThat(frame.text()).isEqualTo(payload);
    }
}
