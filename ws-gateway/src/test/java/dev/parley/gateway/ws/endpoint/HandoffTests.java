package dev.parley.gateway.ws.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.gateway.ws.support.GatewayIntegrationTest;
import dev.parley.gateway.ws.support.WsTestClient;
import dev.parley.handoff.ConnectionHandoff;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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

    private URI edgeUri() {
        return URI.create("ws://127.0.0.1:" + ((InetSocketAddress) edge.localAddress()).getPort() + "/ws");
    }

    /** Reads the request up to its blank line, then hands it over with the connection, as the edge's {@code Handover} does. */
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
            ConnectionHandoff.handOff((EpollSocketChannel) ctx.channel(), HANDOFF_SOCKET,
                    Unpooled.copiedBuffer(request, StandardCharsets.ISO_8859_1), Duration.ofSeconds(2))
                    .addListener(done -> ctx.close());
        }
    }
}
