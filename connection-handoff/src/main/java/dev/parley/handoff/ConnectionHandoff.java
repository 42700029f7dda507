package dev.parley.handoff;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.channel.unix.FileDescriptor;
import io.netty.handler.timeout.ReadTimeoutException;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The sender's side: gives an accepted TCP connection to the {@link HandoffListener} at a path, with the
 * bytes already read from it. Once the returned future succeeds the connection is the receiver's: the
 * sender closes its own channel, which closes only its own descriptor — the kernel keeps the connection
 * for the receiver's, and the client sees nothing. Until then the connection is still the sender's, so a
 * failure (no listener, no answer in time, a receiver that closed before saying it took the descriptor)
 * leaves it to answer the client itself.
 */
public final class ConnectionHandoff {

    private ConnectionHandoff() {
    }

    /** Whether {@code connection} can be handed off: a plain TCP socket on epoll (TLS state cannot travel with it). */
    public static boolean canHandOff(Channel connection) {
        return connection instanceof EpollSocketChannel && connection.isActive();
    }

    /**
     * Hands {@code connection} to the listener at {@code socket}; works on the connection's event loop.
     * {@code head} is released here.
     */
    public static Future<Void> handOff(EpollSocketChannel connection, Path socket, ByteBuf head, Duration timeout) {
        Promise<Void> done = connection.eventLoop().newPromise();
        new Bootstrap().group(connection.eventLoop())
                .channel(EpollDomainSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(1, timeout.toMillis()))
                .handler(new Sender(connection, head, timeout, done))
                .connect(new DomainSocketAddress(socket.toFile()))
                .addListener((ChannelFutureListener) connected -> {
                    if (!connected.isSuccess()) {
                        ReferenceCountUtil.release(head);
                        done.tryFailure(connected.cause());
                    }
                });
        return done;
    }

    private static final class Sender extends ChannelInboundHandlerAdapter {

        private final EpollSocketChannel connection;
        private final ByteBuf head;
        private final Duration timeout;
        private final Promise<Void> done;
        private ScheduledFuture<?> deadline;
        private boolean sent;

        Sender(EpollSocketChannel connection, ByteBuf head, Duration timeout, Promise<Void> done) {
            this.connection = connection;
            this.head = head;
            this.timeout = timeout;
            this.done = done;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            deadline = ctx.executor().schedule(() -> {
                if (!sent) {
                    fail(ctx, ReadTimeoutException.INSTANCE);
                }
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
            ByteBuf length = ctx.alloc().buffer(HandoffWire.LENGTH_BYTES).writeInt(head.readableBytes());
            ctx.write(length);
            ctx.writeAndFlush(head);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            byte answer;
            try {
                answer = msg instanceof ByteBuf bytes && bytes.readableBytes() == 1 ? bytes.getByte(0) : 0;
            } finally {
                ReferenceCountUtil.release(msg);
            }
            if (!sent && answer == HandoffWire.READY) {
                sent = true;
                deadline.cancel(false);
                // from here only ADOPTED or the listener's close ends the wait: the descriptor may be the
                // listener's already, so no deadline can give the connection back to this side
                ctx.writeAndFlush(new FileDescriptor(connection.fd().intValue())).addListener((ChannelFutureListener) written -> {
                    if (!written.isSuccess()) {
                        fail(ctx, written.cause());
                    }
                });
            } else if (sent && answer == HandoffWire.ADOPTED) {
                done.trySuccess(null);
                ctx.close();
            } else {
                fail(ctx, new IllegalStateException("the hand-off listener answered out of turn"));
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            fail(ctx, new IllegalStateException("the hand-off listener closed before taking the connection"));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fail(ctx, cause);
        }

        private void fail(ChannelHandlerContext ctx, Throwable cause) {
            if (deadline != null) {
                deadline.cancel(false);
            }
            if (done.tryFailure(cause)) {
                ctx.close();
            }
        }
    }
}
