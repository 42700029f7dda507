package dev.parley.gateway.api;

import dev.parley.events.CloseCode;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.ReadTimeoutException;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.MonoSink;
import reactor.netty.NettyPipeline;

/**
 * One client's {@code /ws} connection joined to ws-gateway byte for byte, after its upgrade request went
 * through the edge's filters: the edge sends the upgrade on, then relays ws-gateway's answer and every
 * byte after it both ways on the client connection's own event loop — no frame is decoded, copied or
 * handed to another thread (ADR 0015). Until ws-gateway's answer arrives the client's connection still
 * belongs to the HTTP server, so a backend that cannot be reached is an HTTP error (503, 504); from then
 * on it belongs to this splice, and its {@code sink} completes when the client's connection closes.
 */
final class Splice {

    private static final String HANDLER = "parley.wsSplice";
    private static final ByteBuf END_OF_HEAD = Unpooled.unreleasableBuffer(
            Unpooled.copiedBuffer("\r\n\r\n", StandardCharsets.US_ASCII));
    private static final int MAX_HEAD = 16 * 1024;
    private static final Duration LINGER = Duration.ofSeconds(2);

    private final Channel client;
    private final MonoSink<Void> sink;
    private final int socketBufferBytes;
    private final ServerFrames towardsClient = new ServerFrames();
    private Channel backend;
    private boolean joined;
    private boolean upgraded;
    private boolean closing;

    /**
     * @param socketBufferBytes the kernel's buffer for ws-gateway's bytes on each side of the splice: what the client's
     *                          socket may hold towards it (SO_SNDBUF) and what ws-gateway's may hold towards the edge
     *                          (SO_RCVBUF); 0 leaves both to the OS's autotuning (ADR 0048)
     */
    Splice(Channel client, MonoSink<Void> sink, int socketBufferBytes) {
        this.client = client;
        this.sink = sink;
        this.socketBufferBytes = socketBufferBytes;
    }

    /** Connects to ws-gateway on the client's event loop and sends it {@code upgradeRequest}. */
    void open(InetSocketAddress address, String upgradeRequest, Duration connectTimeout, Duration answerTimeout) {
        sink.onCancel(this::closeBoth);
        Bootstrap bootstrap = new Bootstrap().group(client.eventLoop())
                .channelFactory(() -> newChannelLike(client))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new Answer(answerTimeout));
        if (socketBufferBytes > 0) {
            bootstrap.option(ChannelOption.SO_RCVBUF, socketBufferBytes); // before the connect: it sets the window
        }
        bootstrap.connect(address)
                .addListener((ChannelFutureListener) connected -> {
                    if (!connected.isSuccess()) {
                        sink.error(connected.cause());
                        return;
                    }
                    backend = connected.channel();
                    backend.writeAndFlush(Unpooled.copiedBuffer(upgradeRequest, StandardCharsets.ISO_8859_1));
                });
    }

    /** The edge stops: the client gets 1012 between two frames (resume elsewhere), and both connections close. */
    void restart() {
        client.eventLoop().execute(
                () -> closeClientWith(CloseCode.SERVER_RESTARTING, "restarting: reconnect and resume"));
    }

    /** ws-gateway's answer to the upgrade: read up to its blank line, then the two connections are joined. */
    private final class Answer extends ChannelInboundHandlerAdapter {

        private final Duration timeout;
        private ByteBuf head;
        private ScheduledFuture<?> deadline;

        Answer(Duration timeout) {
            this.timeout = timeout;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            head = ctx.alloc().buffer(512);
            deadline = ctx.executor().schedule(() -> fail(ctx, ReadTimeoutException.INSTANCE), timeout.toMillis(),
                    TimeUnit.MILLISECONDS);
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (head == null) { // failed already; the connection is closing
                ReferenceCountUtil.release(msg);
                return;
            }
            try {
                head.writeBytes((ByteBuf) msg);
            } finally {
                ReferenceCountUtil.release(msg);
            }
            int end = ByteBufUtil.indexOf(END_OF_HEAD, head);
            if (end < 0) {
                if (head.readableBytes() > MAX_HEAD) {
                    // no answer an HTTP server sends: as if nobody were there (503, retry)
                    fail(ctx, new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE));
                }
                return;
            }
            deadline.cancel(false);
            ctx.pipeline().replace(this, HANDLER, new FromBackend());
            join(head, end + END_OF_HEAD.readableBytes());
            head = null;
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            fail(ctx, new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fail(ctx, cause);
        }

        private void fail(ChannelHandlerContext ctx, Throwable cause) {
            if (head != null) {
                head.release();
                head = null;
                deadline.cancel(false);
                ctx.close();
                sink.error(cause);
            }
        }
    }

    /**
     * Takes the client's connection from the HTTP server: everything but TLS and Reactor Netty's bridge
     * (which still learns that the connection closed) leaves its pipeline, and the answer goes out as it came.
     */
    private void join(ByteBuf answer, int headLength) {
        upgraded = headLength >= 12 && answer.getByte(9) == '1' && answer.getByte(10) == '0' && answer.getByte(11) == '1';
        ChannelPipeline pipeline = client.pipeline();
        if (!client.isActive() || pipeline.get(NettyPipeline.ReactiveBridge) == null) {
            answer.release();
            closeBoth();
            return;
        }
        pipeline.addBefore(NettyPipeline.ReactiveBridge, HANDLER, new FromClient());
        List<String> names = pipeline.names();
        for (int i = names.size() - 1; i >= 0; i--) {
            String name = names.get(i);
            ChannelHandler handler = pipeline.get(name);
            if (handler != null && !(handler instanceof SslHandler) && !name.equals(HANDLER)
                    && !name.equals(NettyPipeline.ReactiveBridge)) {
                pipeline.remove(name);
            }
        }
        joined = true;
        if (socketBufferBytes > 0) {
            client.config().setOption(ChannelOption.SO_SNDBUF, socketBufferBytes);
        }
        client.closeFuture().addListener(closed -> sink.success());
        if (upgraded) {
            towardsClient.pass(answer.slice(headLength, answer.readableBytes() - headLength));
        }
        client.writeAndFlush(answer);
        client.config().setAutoRead(true);
        client.read();
    }

    /**
     * Puts a close of the edge's own between two frames unless one went already, then ends the client's side:
     * output first, and the connection once the client closes too (or after {@link #LINGER}). Closing at once
     * while the client still sends — the rest of a frame ws-gateway refused — would answer with a reset,
     * and the client could lose the close frame still unread in its buffer.
     */
    private void closeClientWith(CloseCode code, String reason) {
        if (closing) {
            return;
        }
        closing = true;
        if (joined && upgraded && !towardsClient.closeSent() && towardsClient.betweenFrames()) {
            client.write(ServerFrames.close(client.alloc(), code.code(), reason));
        }
        if (backend != null) {
            backend.close();
        }
        client.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener((ChannelFutureListener) flushed -> {
            if (joined && client.isActive() && client instanceof DuplexChannel duplex) {
                duplex.shutdownOutput();
                client.eventLoop().schedule(() -> client.close(), LINGER.toMillis(), TimeUnit.MILLISECONDS);
            } else {
                client.close();
            }
        });
    }

    private void closeBoth() {
        if (backend != null) {
            backend.close();
        }
        if (joined) {
            client.close();
        }
    }

    private static Channel newChannelLike(Channel client) {
        try {
            return client.getClass().getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot open a " + client.getClass().getName() + " to ws-gateway", e);
        }
    }

    /** Client → ws-gateway; a client that cannot keep up with ws-gateway stops its reads and the other way round. */
    private final class FromClient extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (closing) {
                ReferenceCountUtil.release(msg); // what a client sends after its connection began to close
            } else {
                backend.write(msg);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            backend.flush();
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            backend.config().setAutoRead(client.isWritable());
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            backend.close();
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            closeBoth();
        }
    }

    /** ws-gateway → client; ws-gateway gone without a close frame is 1011 to the client (reconnect and resume). */
    private final class FromBackend extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (upgraded) {
                towardsClient.pass((ByteBuf) msg);
            }
            client.write(msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            client.flush();
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            client.config().setAutoRead(backend.isWritable());
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            closeClientWith(CloseCode.INTERNAL, "the chat service went away: reconnect and resume");
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
