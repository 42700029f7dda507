package dev.parley.handoff;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.channel.unix.DomainSocketReadMode;
import io.netty.channel.unix.FileDescriptor;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.Promise;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiver's side: a Unix domain socket that takes connections handed off by
 * {@link ConnectionHandoff} and gives each, with the bytes the sender had read from it, to an
 * {@link Adopter}. The socket file is the owner's alone (mode 600): whoever may connect to it may hand
 * over any connection with any request.
 */
public final class HandoffListener implements AutoCloseable {

    /** Takes a handed-off connection; called on the listener's event loop. */
    @FunctionalInterface
    public interface Adopter {
        /**
         * @param head the bytes already read from the connection, to be read first; the adopter releases them
         * @return done once the connection is served here, failed if it never will be (the adopter has closed
         *         its copy of the descriptor then); the sender is told {@link HandoffWire#ADOPTED} only on success
         */
        Future<?> adopt(int descriptor, ByteBuf head);
    }

    private static final Logger log = LoggerFactory.getLogger(HandoffListener.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Channel server;
    private final Path socket;
    private final Path createdFolder;

    private HandoffListener(Channel server, Path socket, Path createdFolder) {
        this.server = server;
        this.socket = socket;
        this.createdFolder = createdFolder;
    }

    /**
     * Listens at {@code socket} (a file left there by an earlier run is replaced) on {@code group}, which
     * must be an epoll group. A folder it creates for the socket is removed with the socket on {@link #close()}.
     */
    public static HandoffListener bind(EventLoopGroup group, Path socket, int maxHeadBytes, Adopter adopter) {
        Path folder = socket.toAbsolutePath().getParent();
        Path createdFolder = Files.isDirectory(folder) ? null : folder;
        try {
            Files.createDirectories(folder);
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the hand-off socket " + socket, e);
        }
        Channel server = new ServerBootstrap().group(group)
                .channel(EpollServerDomainSocketChannel.class)
                .childHandler(new ChannelInitializer<EpollDomainSocketChannel>() {
                    @Override
                    protected void initChannel(EpollDomainSocketChannel channel) {
                        channel.pipeline().addLast(new ReadTimeoutHandler(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS),
                                new Receiver(maxHeadBytes, adopter));
                    }
                })
                .bind(new DomainSocketAddress(socket.toFile()))
                .syncUninterruptibly().channel();
        try {
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            server.close().syncUninterruptibly();
            throw new UncheckedIOException("cannot make the hand-off socket " + socket + " its owner's alone", e);
        }
        return new HandoffListener(server, socket, createdFolder);
    }

    /**
     * Registers an adopted connection with a loop of {@code group}, for an {@link Adopter} to return. The future
     * tells its listeners on the thread that settles it: a loop that has stopped refuses the registration at once
     * and can run no listener, so a registration's own future would never tell anyone of that refusal. A connection
     * its pipeline closed as it was registered (a receiver with no file to spare for an answer) was not taken either:
     * the sender still holds it and can answer.
     */
    public static Future<Void> register(EventLoopGroup group, Channel connection) {
        Promise<Void> registered = ImmediateEventExecutor.INSTANCE.newPromise();
        ChannelFuture registering = group.next().register(connection);
        if (registering.isDone()) {
            settle(registered, registering);
        } else {
            registering.addListener(done -> settle(registered, registering));
        }
        return registered;
    }

    private static void settle(Promise<Void> registered, ChannelFuture registering) {
        if (!registering.isSuccess()) {
            registered.setFailure(registering.cause());
        } else if (!registering.channel().isOpen()) {
            registered.setFailure(new ClosedChannelException());
        } else {
            registered.setSuccess(null);
        }
    }

    public Path socket() {
        return socket;
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        try {
            Files.deleteIfExists(socket);
            if (createdFolder != null) {
                Files.deleteIfExists(createdFolder);
            }
        } catch (IOException e) {
            log.debug("Could not delete the hand-off socket {} or its folder", socket, e);
        }
    }

    /**
     * One hand-off: the length and the head as bytes, then {@link HandoffWire#READY}, then the descriptor, then
     * {@link HandoffWire#ADOPTED}. A descriptor that arrives after this side gave up (its read timeout) is closed
     * by the kernel unread; the sender, never told {@link HandoffWire#ADOPTED}, still has the connection.
     */
    private static final class Receiver extends ChannelInboundHandlerAdapter {

        private final int maxHeadBytes;
        private final Adopter adopter;
        private ByteBuf received;
        private ByteBuf head;

        Receiver(int maxHeadBytes, Adopter adopter) {
            this.maxHeadBytes = maxHeadBytes;
            this.adopter = adopter;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof FileDescriptor descriptor && head != null) {
                ByteBuf adopted = head;
                head = null;
                // the descriptor is this side's now: no timeout may close this end before the answer below
                ctx.pipeline().remove(ReadTimeoutHandler.class);
                // throws, or fails, when it could not: no ADOPTED, and the sender answers the connection itself
                adopter.adopt(descriptor.intValue(), adopted).addListener(served -> {
                    if (served.isSuccess()) {
                        ctx.writeAndFlush(ctx.alloc().buffer(1).writeByte(HandoffWire.ADOPTED))
                                .addListener(ChannelFutureListener.CLOSE);
                    } else {
                        log.warn("A handed-over connection was not taken; the edge answers it", served.cause());
                        ctx.close();
                    }
                });
                return;
            }
            if (!(msg instanceof ByteBuf bytes) || head != null) {
                refuse(msg);
                ctx.close(); // out of turn: the sender's connection stays the sender's
                return;
            }
            if (received == null) {
                received = ctx.alloc().buffer();
            }
            received.writeBytes(bytes);
            bytes.release();
            if (received.readableBytes() < HandoffWire.LENGTH_BYTES) {
                return;
            }
            int length = received.getInt(received.readerIndex());
            if (length < 0 || length > maxHeadBytes) {
                ctx.close();
                return;
            }
            int whole = HandoffWire.LENGTH_BYTES + length;
            if (received.readableBytes() < whole) {
                return;
            }
            if (received.readableBytes() > whole) {
                ctx.close(); // nothing may follow the head before READY
                return;
            }
            head = received.skipBytes(HandoffWire.LENGTH_BYTES).retainedSlice();
            received.release();
            received = null;
            ((EpollDomainSocketChannel) ctx.channel()).config().setReadMode(DomainSocketReadMode.FILE_DESCRIPTORS);
            ctx.writeAndFlush(ctx.alloc().buffer(1).writeByte(HandoffWire.READY));
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            release();
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("A hand-off failed", cause);
            release();
            ctx.close();
        }

        private static void refuse(Object msg) {
            if (msg instanceof FileDescriptor descriptor) {
                try {
                    descriptor.close();
                } catch (IOException e) {
                    log.debug("Could not close a descriptor handed over out of turn", e);
                }
            } else {
                ReferenceCountUtil.release(msg);
            }
        }

        private void release() {
            if (received != null) {
                received.release();
                received = null;
            }
            if (head != null) {
                head.release();
                head = null;
            }
        }
    }
}
