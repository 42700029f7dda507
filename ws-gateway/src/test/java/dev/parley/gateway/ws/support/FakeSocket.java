package dev.parley.gateway.ws.support;

import dev.parley.gateway.ws.session.ClientSession;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * A connection for unit tests, on Netty's embedded channel: records the frames written to it, and can
 * {@link #stall} like a client that stopped reading (the socket turns unwritable) and {@link #resume}. The
 * event loop's work runs when the test asks for what was sent, on the test's thread.
 */
public final class FakeSocket {

    private final List<String> sent = new ArrayList<>();
    /** Reads the frames the gateway writes as bytes, as a client would (unmasked, from a server). */
    private final EmbeddedChannel client = new EmbeddedChannel(new WebSocket08FrameDecoder(
            WebSocketDecoderConfig.newBuilder().expectMaskedFrames(false).allowMaskMismatch(false).build()));
    private ClientSession session;
    private Integer closeCode;
    public final EmbeddedChannel channel;

    public FakeSocket() {
        this(new ChannelHandler[0]);
    }

    /** The connection's pipeline holds these handlers, nearest the socket first, before the session's own. */
    public FakeSocket(ChannelHandler... pipeline) {
        channel = new EmbeddedChannel(pipeline);
        channel.pipeline().addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelWritabilityChanged(ChannelHandlerContext ctx) {
                if (session != null) {
                    session.writabilityChanged();
                }
            }
        });
    }

    public void attach(ClientSession session) {
        this.session = session;
    }

    public void stall() {
        setWritable(false);
    }

    public void resume() {
        setWritable(true);
        collect();
    }

    private void setWritable(boolean writable) {
        if (channel.unsafe().outboundBuffer() != null) { // null once the channel is closed
            channel.unsafe().outboundBuffer().setUserDefinedWritability(1, writable);
        }
    }

    /** The text frames written so far, in order, after the event loop ran what was waiting. */
    public List<String> sent() {
        collect();
        return sent;
    }

    /** The code of the close frame written, if one was. */
    public OptionalInt closeCode() {
        collect();
        return closeCode == null ? OptionalInt.empty() : OptionalInt.of(closeCode);
    }

    private void collect() {
        channel.runPendingTasks();
        Object frame;
        while ((frame = channel.readOutbound()) != null) {
            try {
                if (frame instanceof ByteBuf bytes) {
                    client.writeInbound(bytes.retain());
                    Object read;
                    while ((read = client.readInbound()) != null) {
                        sent.add(((TextWebSocketFrame) read).text());
                        ReferenceCountUtil.release(read);
                    }
                } else if (frame instanceof TextWebSocketFrame text) {
                    sent.add(text.text());
                } else if (frame instanceof CloseWebSocketFrame close && closeCode == null) {
                    closeCode = close.statusCode();
                }
            } finally {
                ReferenceCountUtil.release(frame);
            }
        }
    }
}
