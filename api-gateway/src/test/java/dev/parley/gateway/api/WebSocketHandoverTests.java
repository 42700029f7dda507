package dev.parley.gateway.api;

import static dev.parley.testing.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.events.RawHttpAnswer;
import dev.parley.handoff.HandoffListener;
import dev.parley.testing.TestTokens;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code /ws} handed over to a ws-gateway on the same host (ADR 0023): the upgrade request passes the
 * edge's filters, then the stand-in gateway gets it with the client's connection, answers the upgrade
 * itself and talks to the client directly. The edge keeps no part of the connection, so its cap on relayed
 * connections (one, here) does not count it; a gateway that is not listening is a 503 the client retries.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "parley.edge.websocket.max-connections=1")
class WebSocketHandoverTests {

    private static final Path SOCKET = Path.of(System.getProperty("java.io.tmpdir"),
            "parley-edge-" + UUID.randomUUID().toString().substring(0, 8), "gw.sock");
    private static final EventLoopGroup LOOPS = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
    private static final BlockingQueue<FullHttpRequest> UPGRADES = new LinkedBlockingQueue<>();
    private static final String TOKEN = TestTokens.shared().accessToken(UUID.randomUUID(), "handover");
    private static volatile HandoffListener gateway = listen();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        registry.add("WS_GATEWAY_URL", () -> "ws://127.0.0.1:9"); // never connected to: connections are handed over
        registry.add("parley.edge.websocket.handoff-socket", SOCKET::toString);
        EdgeTestEnvironment.register(registry);
    }

    @AfterAll
    static void stopGateway() {
        gateway.close();
        LOOPS.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void theGatewayAnswersOnTheClientsOwnConnectionWithTheRequestTheEdgeFiltered() throws Exception {
        BlockingQueue<String> echoes = new LinkedBlockingQueue<>();
        WebSocket first = connect(echoes);
        WebSocket second = connect(echoes); // beyond the relay cap of one: neither is relayed

        first.sendText("one", true).get(5, TimeUnit.SECONDS);
        second.sendText("two", true).get(5, TimeUnit.SECONDS);
        assertThat(List.of(echoes.poll(5, TimeUnit.SECONDS), echoes.poll(5, TimeUnit.SECONDS)))
                .containsExactlyInAnyOrder("one", "two");

        FullHttpRequest upgrade = UPGRADES.poll(5, TimeUnit.SECONDS);
        assertThat(upgrade.uri()).isEqualTo("/ws");
        assertThat(upgrade.headers().get("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(upgrade.headers().get("X-Forwarded-For")).as("the client's address, as the edge found it")
                .isEqualTo("127.0.0.1");
        assertThat(upgrade.headers().get("Sec-WebSocket-Extensions")).as("nothing is compressed").isNull();
        upgrade.release();
        first.abort();
        second.abort();
    }

    @Test
    void anUpgradesTokenIsLeftForTheGatewayToCheck() throws Exception {
        BlockingQueue<String> echoes = new LinkedBlockingQueue<>();
        WebSocket socket = connect("Bearer not-a-token", echoes); // ws-gateway refuses it with 401, not the edge

        socket.sendText("unchecked", true).get(5, TimeUnit.SECONDS);
        assertThat(echoes.poll(5, TimeUnit.SECONDS)).isEqualTo("unchecked");
        FullHttpRequest upgrade = UPGRADES.poll(5, TimeUnit.SECONDS);
        assertThat(upgrade.headers().get("Authorization")).isEqualTo("Bearer not-a-token");
        upgrade.release();
        socket.abort();
    }

    @Test
    void aGatewayThatIsNotListeningIsUnavailable() throws Exception {
        gateway.close();
        // by hand: the JDK's WebSocket client keeps a refused upgrade's body from its caller
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
            client.setSoTimeout(20_000);
            client.getOutputStream().write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Authorization: Bearer " + TOKEN + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            RawHttpAnswer refused = RawHttpAnswer.read(client.getInputStream());

            assertProblem(refused, 503, "service_unavailable");
            assertThat(refused.header("Retry-After")).isPresent();
        } finally {
            gateway = listen();
        }
    }

    private WebSocket connect(BlockingQueue<String> echoes) {
        return connect("Bearer " + TOKEN, echoes);
    }

    private WebSocket connect(String authorization, BlockingQueue<String> echoes) {
        return HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", authorization)
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                        echoes.add(data.toString());
                        return WebSocket.Listener.super.onText(socket, data, last);
                    }
                }).orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** A stand-in ws-gateway: takes handed-over connections, keeps their upgrade requests, echoes text frames. */
    private static HandoffListener listen() {
        return HandoffListener.bind(LOOPS, SOCKET, 16 * 1024, (descriptor, head) -> {
            EpollSocketChannel connection = new EpollSocketChannel(descriptor);
            connection.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(16 * 1024),
                    new SimpleChannelInboundHandler<FullHttpRequest>(false) {
                        @Override
                        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
                            UPGRADES.add(request.retainedDuplicate());
                            ctx.fireChannelRead(request);
                        }
                    },
                    new WebSocketServerProtocolHandler("/ws"),
                    new SimpleChannelInboundHandler<TextWebSocketFrame>() {
                        @Override
                        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
                            ctx.writeAndFlush(new TextWebSocketFrame(frame.text()));
                        }
                    });
            return HandoffListener.register(LOOPS, connection).addListener(registered -> {
                connection.pipeline().fireChannelRead(head);
                connection.pipeline().fireChannelReadComplete();
            });
        });
    }
}
