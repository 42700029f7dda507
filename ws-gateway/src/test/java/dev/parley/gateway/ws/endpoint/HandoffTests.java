package dev.parley.gateway.ws.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.gateway.ws.support.GatewayIntegrationTest;
import dev.parley.gateway.ws.support.SecondGateway;
import dev.parley.gateway.ws.support.WsTestClient;
import dev.parley.handoff.ConnectionHandoff;
import dev.parley.platform.files.OpenFiles;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Connections an edge accepted and handed over (ADR 0023): a stand-in edge reads the client's upgrade
 * request, hands it with the socket to this gateway's hand-off socket and closes its own descriptor; the
 * gateway then answers the upgrade and serves the session on that same connection, with every rule it
 * applies to a connection of its own.
 */
class HandoffTests extends GatewayIntegrationTest {

    private EventLoopGroup loops;
    private Channel edge;
    private final BlockingQueue<Channel> handedOver = new LinkedBlockingQueue<>();
    /** Where the stand-in edge hands connections over: this class's gateway unless a test points it elsewhere. */
    private volatile Path handoffSocket = HANDOFF_SOCKET;

    @BeforeEach
    void startEdge() {
        loops = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        edge = new ServerBootstrap().group(loops)
                .channel(EpollServerSocketChannel.class)
                .childHandler(new ChannelInitializer<EpollSocketChannel>() {
                    @Override
                    protected void initChannel(EpollSocketChannel connection) {
                        connection.pipeline().addLast(new HandOverTheUpgrade());
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).syncUninterruptibly().channel();
    }

    @AfterEach
    void stopEdge() {
        edge.close().syncUninterruptibly();
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void aHandedOverConnectionBecomesASessionOnTheSameConnection() throws Exception {
        UUID user = UUID.randomUUID();
        WsTestClient client = track(WsTestClient.connect(edgeUri(), tokens.accessToken(user, "hana")));

        JsonNode ready = client.next("ready");
        assertThat(ready.path("userId").asString()).isEqualTo(user.toString());
        Channel edgeSide = handedOver.poll(5, TimeUnit.SECONDS);
        assertThat(edgeSide.closeFuture().await(5, TimeUnit.SECONDS)).as("the edge let go of its descriptor").isTrue();
        client.send("{\"type\":\"ping\"}").next("pong");
    }

    @Test
    void aHandedOverUpgradeGoesThroughTheGatewaysChecks() {
        assertThat(WsTestClient.refusedUpgradeStatus(edgeUri(), tokens.expired(UUID.randomUUID()))).isEqualTo(401);
    }

    @Test
    void aConnectionHandedOverFarBeyondTheCapIsLeftToTheEdgesAnswer() throws Exception {
        handoffSocket = ownHandoffSocket("full.sock");
        try (SecondGateway full = SecondGateway.start("gw-far-" + UUID.randomUUID().toString().substring(0, 8),
                Map.of("parley.ws.server.max-connections", "1", "parley.ws.server.handoff-socket", handoffSocket.toString()))) {
            // a connection past the cap is closed 2 s after it was accepted: the cap and the quarter of the open-file
            // reserve past it must be full together, so a try that took longer (a cold instance) is made again
            for (int attempt = 1; ; attempt++) {
                long started = System.nanoTime();
                Integer status = handOverWithEveryFileTaken(full.wsPort());
                if (status != null && System.nanoTime() - started < Duration.ofMillis(1_500).toNanos()) {
                    assertThat(status).as("a handed-over connection the gateway closes as it registers it is the edge's to answer")
                            .isEqualTo(503);
                    return;
                }
                assertThat(attempt).as("the count filled within the grace").isLessThan(5);
                Thread.sleep(2_500);
            }
        }
    }

    @Test
    void aGatewayThatStoppedTakesNoHandoverAndTheEdgeAnswersAtOnce() throws Exception {
        handoffSocket = ownHandoffSocket("stopping.sock");
        SecondGateway stopping = SecondGateway.start("gw-stop-" + UUID.randomUUID().toString().substring(0, 8),
                Map.of("parley.ws.server.handoff-socket", handoffSocket.toString()));
        WsTestClient before;
        try (stopping) {
            before = track(WsTestClient.connect(edgeUri(), tokens.accessToken(UUID.randomUUID(), "before")));
            before.next("ready");
        }
        // WebSocketServer.stop() closes the hand-off socket before anything else: nothing more is taken, and the
        // socket's file is gone, so an edge's next handover fails on connecting instead of waiting for an answer
        assertThat(before.awaitClose()).as("the session handed over before the stop").isEqualTo(1012);
        assertThat(handoffSocket).doesNotExist();
        long started = System.nanoTime();
        assertThat(WsTestClient.refusedUpgradeStatus(edgeUri(), tokens.accessToken(UUID.randomUUID(), "after")))
                .as("a handover after the stop is the edge's to answer").isEqualTo(503);
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("answered without waiting for the hand-off's 2 s timeout").isLessThan(Duration.ofMillis(1_500));
    }

    /** The status the edge's client got, with the cap and 256 connections past it held; null if not filled in time. */
    private Integer handOverWithEveryFileTaken(int gatewayPort) throws Exception {
        List<Socket> holding = new ArrayList<>();
        try {
            for (int i = 0; i < 1 + OpenFiles.RESERVED / 4; i++) {
                holding.add(new Socket("127.0.0.1", gatewayPort));
            }
            if (!aProbeIsClosedAtOnce(gatewayPort, holding)) {
                return null;
            }
            return WsTestClient.refusedUpgradeStatus(edgeUri(), tokens.accessToken(UUID.randomUUID(), "late"));
        } finally {
            for (Socket socket : holding) {
                socket.close();
            }
        }
    }

    /**
     * Whether one more connection is closed at once, unanswered (those held are closed only after 2 s): the count is
     * full. The gateway counts a connection as the event loop it was given registers it, and its two loops need not
     * register in the order of the accepts, so a probe counted before some of those above is held like them (and
     * held on to here); the next one is tried.
     */
    private static boolean aProbeIsClosedAtOnce(int gatewayPort, List<Socket> holding) throws Exception {
        for (int probe = 0; probe < 4; probe++) {
            Socket beyond = new Socket("127.0.0.1", gatewayPort);
            beyond.setSoTimeout(200);
            try {
                int read = beyond.getInputStream().read();
                beyond.close();
                return read == -1;
            } catch (SocketTimeoutException heldLikeTheOthers) {
                holding.add(beyond);
            }
        }
        return false;
    }

    /** A hand-off socket in a folder of its own, for a second gateway the stand-in edge is pointed at. */
    private static Path ownHandoffSocket(String name) {
        return Path.of(System.getProperty("java.io.tmpdir"), "parley-gw-" + UUID.randomUUID().toString().substring(0, 8), name);
    }

    private URI edgeUri() {
        return URI.create("ws://127.0.0.1:" + ((InetSocketAddress) edge.localAddress()).getPort() + "/ws");
    }

    private static final String NOT_TAKEN = "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nContent-Length: 0\r\n\r\n";

    /**
     * Reads the request up to its blank line, then hands it over with the connection, as the edge's {@code Handover}
     * does, and answers 503 itself when the gateway did not take it.
     */
    private final class HandOverTheUpgrade extends ChannelInboundHandlerAdapter {

        private final StringBuilder request = new StringBuilder();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf bytes = (ByteBuf) msg;
            request.append(bytes.toString(StandardCharsets.ISO_8859_1));
            bytes.release();
            if (request.indexOf("\r\n\r\n") < 0) {
                return;
            }
            ctx.channel().config().setAutoRead(false);
            handedOver.add(ctx.channel());
            ConnectionHandoff.handOff((EpollSocketChannel) ctx.channel(), handoffSocket,
                    Unpooled.copiedBuffer(request, StandardCharsets.ISO_8859_1), Duration.ofSeconds(2))
                    .addListener(done -> {
                        if (done.isSuccess()) {
                            ctx.close();
                        } else { // not taken: the connection is still the edge's, and answered as the edge does
                            ctx.writeAndFlush(Unpooled.copiedBuffer(NOT_TAKEN, StandardCharsets.ISO_8859_1))
                                    .addListener(ChannelFutureListener.CLOSE);
                        }
                    });
        }
    }
}
