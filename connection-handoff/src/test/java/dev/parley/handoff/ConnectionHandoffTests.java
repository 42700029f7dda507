package dev.parley.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.channel.unix.DomainSocketReadMode;
import io.netty.channel.unix.FileDescriptor;
import io.netty.util.concurrent.Future;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real TCP connection accepted by one server ("the edge") and handed to another ("ws-gateway") over a
 * real Unix domain socket: the client keeps talking on the same connection and the second server answers.
 */
class ConnectionHandoffTests {

    /** {@link HandoffWire#READY} before ADR 0042. */
    private static final byte READY_BEFORE_ADOPTED = 'R';

    @TempDir
    Path directory;

    private EventLoopGroup edgeLoops;
    private EventLoopGroup receiverLoops;
    private Channel edge;
    private HandoffListener listener;
    private final BlockingQueue<Channel> adopted = new LinkedBlockingQueue<>();
    private final BlockingQueue<Future<Void>> handoffs = new LinkedBlockingQueue<>();
    private final BlockingQueue<Channel> edgeConnections = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() {
        edgeLoops = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        receiverLoops = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
    }

    @AfterEach
    void stop() {
        if (listener != null) {
            listener.close();
        }
        if (edge != null) {
            edge.close().syncUninterruptibly();
        }
        edgeLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        receiverLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void aHandedOffConnectionIsServedByTheReceiverWithTheBytesTheSenderHadRead() throws Exception {
        listen(directory.resolve("gw.sock"));
        startEdge(directory.resolve("gw.sock"));
        try (Socket client = new Socket("127.0.0.1", port())) {
            client.setSoTimeout(5_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = client.getOutputStream();
            out.write("hello\n".getBytes(StandardCharsets.UTF_8));

            assertThat(in.readLine()).isEqualTo("adopted after: hello");
            Channel receiverSide = adopted.poll(5, TimeUnit.SECONDS);
            assertThat(((InetSocketAddress) receiverSide.remoteAddress()).getPort()).isEqualTo(client.getLocalPort());
            assertThat(handoffs.poll(5, TimeUnit.SECONDS).isSuccess()).isTrue();
            Channel edgeSide = edgeConnections.poll(5, TimeUnit.SECONDS);
            assertThat(edgeSide.closeFuture().await(5, TimeUnit.SECONDS)).isTrue();

            // the edge closed its descriptor; the connection lives on with the receiver, both ways
            out.write("still here\n".getBytes(StandardCharsets.UTF_8));
            assertThat(in.readLine()).isEqualTo("STILL HERE");
            receiverSide.close().syncUninterruptibly();
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void theListenersSocketIsItsOwnersAlone() throws Exception {
        Path socket = directory.resolve("gw.sock");
        Files.writeString(socket, "left by an earlier run");
        listen(socket);
        assertThat(Files.getPosixFilePermissions(socket)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void closingRemovesTheSocketAndTheFolderTheListenerMadeForItButNoFolderItFound() {
        Path made = directory.resolve("made-for-it");
        listen(made.resolve("gw.sock"));
        listener.close();
        listener = null;
        assertThat(made).doesNotExist();

        listen(directory.resolve("gw.sock"));
        listener.close();
        listener = null;
        assertThat(directory.resolve("gw.sock")).doesNotExist();
        assertThat(directory).isDirectory();
    }

    @Test
    void withNoListenerTheHandOffFailsAndTheConnectionIsStillTheSenders() throws Exception {
        startEdge(directory.resolve("nobody.sock"));
        try (Socket client = new Socket("127.0.0.1", port())) {
            client.setSoTimeout(5_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
            client.getOutputStream().write("hello\n".getBytes(StandardCharsets.UTF_8));

            Future<Void> handoff = handoffs.poll(5, TimeUnit.SECONDS);
            assertThat(handoff.isSuccess()).isFalse();
            assertThat(in.readLine()).isEqualTo("kept by the edge");
        }
    }

    @Test
    void aReceiverThatNeverAnswersFailsTheHandOffInTime() throws Exception {
        // a domain socket that accepts and never reads: no READY ever comes
        Future<Void> handoff = answeredByTheEdgeBehind(directory.resolve("silent.sock"), new ChannelInboundHandlerAdapter());
        assertThatThrownBy(handoff::get).isInstanceOf(ExecutionException.class);
    }

    @Test
    void aDescriptorTheListenerDoesNotTakeLeavesTheConnectionWithTheSender() throws Exception {
        // answers READY, then lets the descriptor go without taking it: what the kernel does with one still unread
        // when a listener closes (its read timeout, its shutdown), done here every time
        Future<Void> handoff = answeredByTheEdgeBehind(directory.resolve("dropping.sock"), new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
                if (msg instanceof FileDescriptor descriptor) {
                    descriptor.close();
                    ctx.close();
                    return;
                }
                ((ByteBuf) msg).release();
                ((EpollDomainSocketChannel) ctx.channel()).config().setReadMode(DomainSocketReadMode.FILE_DESCRIPTORS);
                ctx.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {HandoffWire.READY}));
            }
        });
        assertThat(handoff.isSuccess()).isFalse();
    }

    @Test
    void aConnectionTheListenerCannotServeIsAnsweredByTheSender() throws Exception {
        // the listener takes the descriptor, but the loops that would serve it have stopped (ws-gateway shutting down)
        EventLoopGroup stopped = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        stopped.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
        listen(directory.resolve("gw.sock"), stopped, ChannelInboundHandlerAdapter::new);
        assertAnsweredByTheEdge();
    }

    @Test
    void aConnectionTheListenerClosesAsItIsRegisteredIsAnsweredByTheSender() throws Exception {
        // what ws-gateway does far beyond its cap, with no file to spare for an answer of its own
        listen(directory.resolve("gw.sock"), receiverLoops, () -> new ChannelInboundHandlerAdapter() {
            @Override
            public void handlerAdded(ChannelHandlerContext ctx) {
                ctx.close();
            }
        });
        assertAnsweredByTheEdge();
    }

    private void assertAnsweredByTheEdge() throws Exception {
        startEdge(directory.resolve("gw.sock"));
        try (Socket client = new Socket("127.0.0.1", port())) {
            client.setSoTimeout(5_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
            client.getOutputStream().write("hello\n".getBytes(StandardCharsets.UTF_8));

            assertThat(in.readLine()).isEqualTo("kept by the edge");
            assertThat(handoffs.poll(5, TimeUnit.SECONDS).isSuccess()).isFalse();
            assertThat(adopted).isEmpty();
        }
    }

    @Test
    void aListenerOfTheProtocolBeforeAdoptedGetsNoDescriptor() throws Exception {
        // it answers the earlier READY and would take a descriptor without a word: this sender cannot tell that from
        // a descriptor dropped, so it must not send one (ADR 0042)
        BlockingQueue<FileDescriptor> received = new LinkedBlockingQueue<>();
        Future<Void> handoff = answeredByTheEdgeBehind(directory.resolve("earlier.sock"), new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof FileDescriptor descriptor) {
                    received.add(descriptor);
                    ctx.close();
                    return;
                }
                ((ByteBuf) msg).release();
                ((EpollDomainSocketChannel) ctx.channel()).config().setReadMode(DomainSocketReadMode.FILE_DESCRIPTORS);
                ctx.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {READY_BEFORE_ADOPTED}));
            }
        });
        assertThat(handoff.isSuccess()).isFalse();
        FileDescriptor taken = received.poll(500, TimeUnit.MILLISECONDS);
        if (taken != null) {
            taken.close();
        }
        assertThat(taken).isNull();
    }

    /**
     * A stand-in for the listener at {@code socket}, {@code receiver} on its one connection, behind the edge: a client's
     * line must be answered by the edge itself. Returns the edge's hand-off.
     */
    private Future<Void> answeredByTheEdgeBehind(Path socket, ChannelHandler receiver) throws Exception {
        Channel standIn = new ServerBootstrap().group(receiverLoops)
                .channel(EpollServerDomainSocketChannel.class)
                .childHandler(receiver)
                .bind(new DomainSocketAddress(socket.toFile())).syncUninterruptibly().channel();
        try {
            startEdge(socket);
            try (Socket client = new Socket("127.0.0.1", port())) {
                client.setSoTimeout(5_000);
                BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
                client.getOutputStream().write("hello\n".getBytes(StandardCharsets.UTF_8));
                assertThat(in.readLine()).isEqualTo("kept by the edge");
                return handoffs.poll(5, TimeUnit.SECONDS);
            }
        } finally {
            standIn.close().syncUninterruptibly();
        }
    }

    private void listen(Path socket) {
        listen(socket, receiverLoops, ChannelInboundHandlerAdapter::new);
    }

    /**
     * The listener at {@code socket}; the connections it takes are served on {@code servingLoops}, a {@code first}
     * handler at the head of each one's pipeline.
     */
    private void listen(Path socket, EventLoopGroup servingLoops, Supplier<ChannelHandler> first) {
        listener = HandoffListener.bind(receiverLoops, socket, 1024, (descriptor, head) -> {
            EpollSocketChannel connection = new EpollSocketChannel(descriptor);
            String line = head.toString(StandardCharsets.UTF_8).strip();
            head.release();
            connection.pipeline().addLast(first.get(), new Echo("adopted after: " + line + "\n"));
            return HandoffListener.register(servingLoops, connection).addListener(registered -> {
                if (registered.isSuccess()) {
                    adopted.add(connection);
                } else {
                    connection.unsafe().closeForcibly();
                }
            });
        });
    }

    /** "The edge": reads one line, then hands the connection off; on failure it answers the client itself. */
    private void startEdge(Path socket) {
        edge = new ServerBootstrap().group(edgeLoops)
                .channel(EpollServerSocketChannel.class)
                .childHandler(new ChannelInboundHandlerAdapter() {
                    private final StringBuilder line = new StringBuilder();

                    @Override
                    public boolean isSharable() {
                        return true;
                    }

                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        ByteBuf bytes = (ByteBuf) msg;
                        line.append(bytes.toString(StandardCharsets.UTF_8));
                        bytes.release();
                        if (line.indexOf("\n") < 0) {
                            return;
                        }
                        ctx.channel().config().setAutoRead(false);
                        edgeConnections.add(ctx.channel());
                        Future<Void> handoff = ConnectionHandoff.handOff((EpollSocketChannel) ctx.channel(), socket,
                                Unpooled.copiedBuffer(line, StandardCharsets.UTF_8), Duration.ofMillis(500));
                        handoff.addListener(done -> {
                            handoffs.add(handoff);
                            if (done.isSuccess()) {
                                ctx.close();
                            } else {
                                ctx.writeAndFlush(Unpooled.copiedBuffer("kept by the edge\n", StandardCharsets.UTF_8));
                            }
                        });
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).syncUninterruptibly().channel();
    }

    private int port() {
        return ((InetSocketAddress) edge.localAddress()).getPort();
    }

    /** Greets with what was handed over, then answers every line upper-cased. */
    private static final class Echo extends ChannelInboundHandlerAdapter {

        private final String greeting;

        Echo(String greeting) {
            this.greeting = greeting;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.writeAndFlush(Unpooled.copiedBuffer(greeting, StandardCharsets.UTF_8));
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf bytes = (ByteBuf) msg;
            String text = bytes.toString(StandardCharsets.UTF_8);
            bytes.release();
            ctx.writeAndFlush(Unpooled.copiedBuffer(text.toUpperCase(Locale.ROOT), StandardCharsets.UTF_8));
        }
    }

}
