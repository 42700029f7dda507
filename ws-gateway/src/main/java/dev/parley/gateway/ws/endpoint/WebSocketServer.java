package dev.parley.gateway.ws.endpoint;

import dev.parley.gateway.ws.session.ConnectionWorkers;
import dev.parley.gateway.ws.session.SessionProperties;
import dev.parley.handoff.HandoffListener;
import dev.parley.handoff.Transport;
import dev.parley.platform.files.OpenFiles;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.unix.FileDescriptor;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.stereotype.Component;

/**
 * Serves {@code /ws} on its own port with Netty (ADR 0022): the event loops read frames and write what
 * {@code Outbound} queues, a pushed message's bytes shared by every recipient; everything that may block runs
 * on the {@link ConnectionWorkers}. io_uring, epoll or NIO: {@link Transport}.
 *
 * <p>Starts after the rest of the context and stops after {@link RestartNotice} has told every client to
 * reconnect elsewhere (the later phase stops first), before the Kafka listeners stop.
 */
@Component
public class WebSocketServer implements SmartLifecycle {

    static final String PATH = "/ws";
    /** Where the bound port is published in the environment (as {@code local.server.port} is for HTTP). */
    public static final String LOCAL_PORT_PROPERTY = "local.ws.port";
    private static final Logger log = LoggerFactory.getLogger(WebSocketServer.class);
    /** An upgrade request has no body: its line and headers only. */
    private static final int MAX_REQUEST_BYTES = 16 * 1024;
    /** How long a connection beyond the cap may take to send the request its 503 answers. */
    private static final Duration FULL_GRACE = Duration.ofSeconds(2);

    private final WebSocketServerProperties properties;
    private final SessionProperties session;
    private final UpgradeChecks checks;
    private final ConnectionWorkers workers;
    private final ConnectionHandler connections;
    private final ConfigurableEnvironment environment;
    private final AtomicInteger open = new AtomicInteger();
    private final int maxConnections;
    private volatile EventLoopGroup group;
    private volatile Channel listener;
    private volatile HandoffListener handoffs;
    private volatile EventLoopGroup handoffLoop;
    private volatile WebSocketServerProtocolConfig protocol;
    private volatile Transport transport;

    WebSocketServer(WebSocketServerProperties properties, SessionProperties session, UpgradeChecks checks,
                    ConnectionWorkers workers, ConnectionHandler connections, ConfigurableEnvironment environment) {
        this.environment = environment;
        this.properties = properties;
        this.session = session;
        this.checks = checks;
        this.workers = workers;
        this.connections = connections;
        this.maxConnections = properties.connectionCap(OpenFiles.limit());
    }

    @Override
    public void start() {
        transport = properties.transport().resolve();
        protocol = protocolConfig();
        int loops = properties.eventLoops() > 0 ? properties.eventLoops() : Runtime.getRuntime().availableProcessors();
        group = new MultiThreadIoEventLoopGroup(loops, transport.ioHandlers());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, properties.backlog())
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, writeBufferWaterMark())
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel connection) {
                        serve(connection);
                    }
                });
        if (session.socketSendBufferBytes() > 0) {
            bootstrap.childOption(ChannelOption.SO_SNDBUF, session.socketSendBufferBytes());
        }
        try {
            listener = bootstrap.bind(new InetSocketAddress(properties.port())).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while binding the WebSocket port", e);
        }
        environment.getPropertySources().addFirst(new MapPropertySource("parley.ws.server.local",
                Map.of(LOCAL_PORT_PROPERTY, port())));
        log.info("WebSocket {} on port {} ({}, {} event loops, at most {} connections)", PATH, port(),
                transport, loops, maxConnections);
        listenForHandoffs();
    }

    private WebSocketServerProtocolConfig protocolConfig() {
        return WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(PATH)
                .checkStartsWith(true)
                .handleCloseFrames(false)
                .dropPongFrames(false)
                .handshakeTimeoutMillis(session.authTimeout().toMillis())
                .decoderConfig(WebSocketDecoderConfig.newBuilder()
                        .maxFramePayloadLength(session.maxFrameBytes())
                        .allowExtensions(false)
                        .closeOnProtocolViolation(false) // ConnectionHandler closes, with the violation's code
                        .build())
                .build();
    }

    private WriteBufferWaterMark writeBufferWaterMark() {
        return new WriteBufferWaterMark(session.writeBufferBytes() / 2, session.writeBufferBytes());
    }

    /**
     * Takes the connections an edge on the same host hands over (ADR 0023): the edge has run its filters on
     * the upgrade request and sends it with the socket, so the connection starts here as if this server had
     * accepted it and read that request.
     */
    private void listenForHandoffs() {
        if (properties.handoffSocket().isBlank()) {
            return;
        }
        if (!transport.adopts() || !Epoll.isAvailable()) {
            log.warn("No hand-off socket: it needs epoll, and the {} transport to take the connections", transport);
            return;
        }
        // a loop of its own: in a connection storm the connections' loops are seconds behind, and a READY answered
        // that late is a handover the edge gives up after its 2 s — a 503 and a retry that adds to the storm
        handoffLoop = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        handoffs = HandoffListener.bind(handoffLoop, Path.of(properties.handoffSocket()), MAX_REQUEST_BYTES, this::adopt);
        log.info("WebSocket {} also taken over from an edge on this host at {}", PATH, handoffs.socket());
    }

    /**
     * A connection handed over with the request already read from it; on the listener's event loop. Taken once it
     * is registered with a loop that serves it: until then the edge keeps it, and answers it if this fails.
     */
    private Future<?> adopt(int descriptor, ByteBuf request) {
        SocketChannel connection;
        try {
            connection = transport.adopt(descriptor);
            connection.config().setTcpNoDelay(true).setWriteBufferWaterMark(writeBufferWaterMark());
            if (session.socketSendBufferBytes() > 0) {
                connection.config().setSendBufferSize(session.socketSendBufferBytes());
            }
        } catch (RuntimeException e) {
            request.release();
            closeDescriptor(descriptor);
            throw e;
        }
        ReadFirst first = new ReadFirst(request);
        connection.pipeline().addLast(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel adopted) {
                adopted.pipeline().addFirst(first);
                serve(adopted);
            }
        });
        return HandoffListener.register(group, connection).addListener(registered -> {
            if (!registered.isSuccess()) {
                first.release(); // never in a pipeline, or in one that was closed at once: released either way
                connection.unsafe().closeForcibly();
            }
        });
    }

    private static void closeDescriptor(int descriptor) {
        try {
            new FileDescriptor(descriptor).close();
        } catch (IOException e) {
            log.debug("Could not close a handed-over descriptor", e);
        }
    }

    /** Every connection's pipeline, accepted here or handed over: counted against the cap, then HTTP until upgraded. */
    private void serve(SocketChannel connection) {
        int holding = open.incrementAndGet();
        if (holding > maxConnections + OpenFiles.RESERVED / 4) {
            open.decrementAndGet();
            connection.close(); // far beyond the cap: no file to spare even for an answer (the edge answers a handed-over one)
            return;
        }
        if (holding > maxConnections) {
            // at the cap: the upgrade is refused 503 with Retry-After (the client retries, with backoff, elsewhere),
            // and a connection that sends no request is not kept waiting for one
            connection.attr(UpgradeGate.FULL).set(Boolean.TRUE);
            connection.eventLoop().schedule(() -> connection.close(), FULL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        }
        connection.closeFuture().addListener(closed -> open.decrementAndGet());
        connection.pipeline().addLast(
                new HttpServerCodec(),
                new ResponseHeaders(),
                new HttpObjectAggregator(MAX_REQUEST_BYTES),
                new UpgradeGate(PATH, checks, workers),
                new ProtocolHandler(protocol),
                new WebSocketFrameAggregator(session.maxFrameBytes()),
                connections);
    }

    /**
     * Gives the pipeline the bytes the edge read before the hand-over, right after the connection becomes
     * active and before anything is read from its socket (the client sends nothing before the upgrade's answer).
     */
    private static final class ReadFirst extends ChannelInboundHandlerAdapter {

        private ByteBuf request;

        ReadFirst(ByteBuf request) {
            this.request = request;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.fireChannelActive();
            ByteBuf read = request;
            request = null;
            ctx.pipeline().remove(this);
            ctx.fireChannelRead(read);
            ctx.fireChannelReadComplete();
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            release();
        }

        /** The request, unless it was read already; once only (the pipeline's end and a failed adoption both ask). */
        void release() {
            if (request != null) {
                request.release();
                request = null;
            }
        }
    }

    /**
     * Netty's protocol handler, except that a broken frame is not a reason to drop the socket on the spot:
     * the exception goes on to {@link ConnectionHandler}, which sends the close frame with the violation's
     * code and closes gracefully (the client's unread bytes would otherwise reset the connection before
     * the close frame reached it, and the edge would report 1011).
     */
    private static final class ProtocolHandler extends WebSocketServerProtocolHandler {

        ProtocolHandler(WebSocketServerProtocolConfig config) {
            super(config);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
            if (cause instanceof WebSocketHandshakeException) {
                super.exceptionCaught(ctx, cause);
            } else {
                ctx.fireExceptionCaught(cause);
            }
        }
    }

    /** The transport the connections are served on, once started. */
    Transport transport() {
        return transport;
    }

    /** The port {@code /ws} is served on (the bound one when configured as 0). */
    int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    @Override
    public void stop() {
        HandoffListener taking = handoffs;
        if (taking != null) {
            taking.close();
            handoffs = null;
        }
        Channel bound = listener;
        if (bound != null) {
            bound.close().syncUninterruptibly();
        }
        EventLoopGroup loops = group;
        if (loops != null) {
            loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
        // the handovers' loop last: a handover waiting for its registration has the connections' loops' verdict by
        // now (taken, or refused and left to the edge), so closing its socket cannot make the edge answer a
        // connection this server took
        EventLoopGroup handoffLoops = handoffLoop;
        if (handoffLoops != null) {
            handoffLoops.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            handoffLoop = null;
        }
        listener = null;
        group = null;
    }

    @Override
    public boolean isRunning() {
        return listener != null;
    }

    /** After the Kafka listeners start; {@link RestartNotice} (the default, last phase) stops before this. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1;
    }
}
