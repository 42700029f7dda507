package dev.parley.bench.ws;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.concurrent.FastThreadLocal;

/** Parses a connection's text frames, completes its {@code ready}, and hands everything else to its listener. */
final class ConnectionHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

    private static final FastThreadLocal<byte[]> SCRATCH = new FastThreadLocal<>() {
        @Override
        protected byte[] initialValue() {
            return new byte[64 * 1024];
        }
    };

    private final WsConnection connection;

    ConnectionHandler(WsConnection connection) {
        this.connection = connection;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext context, WebSocketFrame message) {
        long receivedNanos = System.nanoTime();
        if (message instanceof TextWebSocketFrame text) {
            Frame frame = parse(text.content());
            if (!connection.ready().isDone() && frame.is("ready")) {
                connection.ready().complete(frame);
            } else {
                connection.listener().onFrame(connection, frame, receivedNanos);
            }
        } else if (message instanceof CloseWebSocketFrame close) {
            // a close frame without a status code is 1005 ("no status received", RFC 6455 §7.4.1), not a dropped socket
            connection.serverClosed(close.statusCode() < 0 ? 1005 : close.statusCode(), close.reasonText());
            context.writeAndFlush(new CloseWebSocketFrame(close.statusCode(), ""))
                    .addListener(written -> context.close());
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        if (!connection.closedByUs()) {
            connection.serverClosed(-1, "connection ended without a close frame");
        }
        connection.ready().completeExceptionally(new IllegalStateException("closed before ready ("
                + connection.stage() + "): " + connection.closeCode() + " " + connection.closeReason()));
        connection.listener().onClosed(connection, connection.closeCode(), connection.closeReason());
        context.fireChannelInactive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext context, Object event) {
        if (event == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            connection.upgraded();
        }
        context.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        connection.ready().completeExceptionally(cause);
        context.close();
    }

    private static Frame parse(ByteBuf content) {
        int length = content.readableBytes();
        if (content.hasArray()) {
            return Frame.parse(content.array(), content.arrayOffset() + content.readerIndex(), length);
        }
        byte[] scratch = length <= 64 * 1024 ? SCRATCH.get() : new byte[length];
        content.getBytes(content.readerIndex(), scratch, 0, length);
        return Frame.parse(scratch, 0, length);
    }
}
