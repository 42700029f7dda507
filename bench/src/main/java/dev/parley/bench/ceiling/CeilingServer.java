package dev.parley.bench.ceiling;

import dev.parley.handoff.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * The ceiling W1 is compared with: the least a chat server must do for W1's clients — a WebSocket
 * broadcast of each send to its room, on plain Netty — and nothing more: no persistence, no broker, no
 * token check, no guarantee beyond one process's memory. It speaks the part of Parley's protocol the
 * bench's chat clients use ({@link CeilingConnection}), at {@code /ws} on 127.0.0.1.
 *
 * <p>With a {@link Floor} it is W1's floor instead: the same server, but each send goes through Kafka and
 * PostgreSQL as Parley's does ({@link FloorPipeline}) — what Parley's shape costs when done with the least code.
 *
 * <p>Run as a process of its own ({@link CeilingProcess}), so that its CPU is measured apart from the
 * load generator's: {@code java … dev.parley.bench.ceiling.CeilingServer [port] [event loops] [kafka bootstrap
 * postgres-url]} prints {@code ceiling listening on <port>} and serves until killed or until its standard
 * input ends.
 */
public final class CeilingServer implements AutoCloseable {

    static final int MAX_FRAME_BYTES = 64 * 1024;

    /** Where the floor keeps its commands, events and messages: the platform's Kafka and PostgreSQL server. */
    public record Floor(String kafkaBootstrap, String postgresUrl) {
    }

    private final EventLoopGroup group;
    private final Channel listener;
    private final Transport transport;
    private final FloorPipeline floor;

    private CeilingServer(EventLoopGroup group, Channel listener, Transport transport, FloorPipeline floor) {
        this.group = group;
        this.listener = listener;
        this.transport = transport;
        this.floor = floor;
    }

    /**
     * Listens on 127.0.0.1:{@code port} (0: any free port) with {@code threads} event loops, on the transport ws-gateway
     * takes by default.
     */
    public static CeilingServer start(int port, int threads) throws InterruptedException {
        return start(port, threads, new ConcurrentHashMap<>(), null, new ConcurrentHashMap<>());
    }

    /** The same, each send through the {@code floor}'s Kafka and PostgreSQL unless it is null. */
    public static CeilingServer start(int port, int threads, Floor floor) throws Exception {
        ConcurrentMap<String, CeilingRoom> rooms = new ConcurrentHashMap<>();
        ConcurrentMap<Long, Channel> connections = new ConcurrentHashMap<>();
        FloorPipeline pipeline = floor == null ? null : FloorPipeline.start(floor.kafkaBootstrap(), floor.postgresUrl(),
                rooms, connections);
        try {
            return start(port, threads, rooms, pipeline, connections);
        } catch (InterruptedException | RuntimeException e) {
            if (pipeline != null) {
                pipeline.close();
            }
            throw e;
        }
    }

    private static CeilingServer start(int port, int threads, ConcurrentMap<String, CeilingRoom> rooms,
                                       FloorPipeline pipeline, ConcurrentMap<Long, Channel> connections)
            throws InterruptedException {
        Transport transport = Transport.AUTO.resolve(); // as ws-gateway's default: the two compared on one
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, transport.ioHandlers());
        Class<? extends ServerChannel> channel = transport.serverChannel();
        WebSocketServerProtocolConfig webSocket = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/ws")
                .maxFramePayloadLength(MAX_FRAME_BYTES)
                .handshakeTimeoutMillis(10_000)
                .build();
        try {
            Channel listener = new ServerBootstrap()
                    .group(group)
                    .channel(channel)
                    .option(ChannelOption.SO_BACKLOG, 4096)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel connection) {
                            connection.pipeline().addLast(
                                    new HttpServerCodec(),
                                    new HttpObjectAggregator(MAX_FRAME_BYTES),
                                    new WebSocketServerProtocolHandler(webSocket),
                                    new WebSocketFrameAggregator(MAX_FRAME_BYTES),
                                    new CeilingConnection(rooms, pipeline, connections));
                        }
                    })
                    .bind(new InetSocketAddress("127.0.0.1", port)).sync().channel();
            return new CeilingServer(group, listener, transport, pipeline);
        } catch (InterruptedException | RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw e;
        }
    }

    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** The one ws-gateway takes by default on this host (ADR 0047). */
    public Transport transport() {
        return transport;
    }

    /** Whether sends go through Kafka and PostgreSQL. */
    public boolean isFloor() {
        return floor != null;
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        if (floor != null) {
            floor.close();
        }
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Floor floor = args.length > 3 ? new Floor(args[2], args[3]) : null;
        try (CeilingServer server = start(port, threads, floor)) {
            System.out.println("ceiling listening on " + server.port() + " (" + server.transport() + ", " + threads
                    + " event loops" + (server.isFloor() ? ", every send through Kafka and PostgreSQL" : "") + ")");
            System.out.flush();
            // the bench holds our standard input: when it ends, so does the bench (even killed with -9), so do we
            System.in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // standard input gone: the bench is
        }
    }
}
