package dev.parley.bench.ws;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.TimeUnit;

/**
 * Opens many WebSocket connections on a few event-loop threads (Netty, non-blocking), each bound to
 * the next of the {@link SourceAddresses}. Threads stay bounded however many connections there are.
 */
public final class WsClient implements AutoCloseable {

    static final int MAX_FRAME_BYTES = 1 << 20;
    private static final long READY_TIMEOUT_SECONDS = 20;

    private final EventLoopGroup group;
    private final SourceAddresses sources;
    private final int receiveBufferBytes;

    public WsClient(int threads, SourceAddresses sources) {
        this(threads, sources, 0);
    }

    /**
     * @param receiveBufferBytes each socket's receive buffer ({@code SO_RCVBUF}, set before the connect so that the
     *                           window is sized to it); 0 leaves it to the kernel
     */
    public WsClient(int threads, SourceAddresses sources, int receiveBufferBytes) {
        this.group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
        this.sources = sources;
        this.receiveBufferBytes = receiveBufferBytes;
    }

    /**
     * Connects to {@code uri} (ws://127.x.y.z:port/ws) with the token in the upgrade request. The
     * connection's {@link WsConnection#ready()} completes with the server's {@code ready} frame; it
     * fails when the connect, the upgrade or the wait for {@code ready} does. Without a token
     * ({@code null}) the client authenticates with an {@code auth} frame, or not at all.
     */
    public WsConnection connect(URI uri, String token, int index, FrameListener listener) {
        DefaultHttpHeaders headers = new DefaultHttpHeaders();
        if (token != null) {
            headers.set("Authorization", "Bearer " + token);
        }
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri)
                .customHeaders(headers)
                .maxFramePayloadLength(MAX_FRAME_BYTES)
                .handleCloseFrames(false)
                // the bench parses every frame as JSON anyway; validating UTF-8 first cost ~7 % of its CPU
                .withUTF8Validator(false)
                // past the wait for ready below, so that a slow upgrade is reported as one: Netty's own timeout
                // closes the socket, which reads as a server that dropped it
                .handshakeTimeoutMillis(TimeUnit.SECONDS.toMillis(READY_TIMEOUT_SECONDS + 5))
                .build();
        WsConnection connection = new WsConnection(index, listener);
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        connection.channel(channel);
                        channel.pipeline().addLast(
                                new HttpClientCodec(),
                                new HttpObjectAggregator(64 * 1024),
                                new WebSocketClientProtocolHandler(config),
                                new WebSocketFrameAggregator(MAX_FRAME_BYTES),
                                new ConnectionHandler(connection));
                    }
                });
        if (receiveBufferBytes > 0) {
            bootstrap.option(ChannelOption.SO_RCVBUF, receiveBufferBytes);
        }
        InetSocketAddress remote = new InetSocketAddress(uri.getHost(), uri.getPort());
        ChannelFuture connecting = bootstrap.connect(remote, new InetSocketAddress(sources.next(), 0));
        Channel channel = connecting.channel();
        connection.channel(channel);
        connecting.addListener(done -> {
            if (!done.isSuccess()) {
                connection.ready().completeExceptionally(done.cause());
            }
        });
        group.schedule(() -> {
            if (connection.ready().completeExceptionally(new IllegalStateException(
                    "no ready frame within " + READY_TIMEOUT_SECONDS + " s"))) {
                channel.close();
            }
        }, READY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return connection;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
