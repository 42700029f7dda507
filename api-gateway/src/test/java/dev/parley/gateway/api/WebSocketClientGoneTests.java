package dev.parley.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.TestTokens;
import io.netty.channel.Channel;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;

/**
 * A client that leaves while its upgrade request is still in the edge's filters (a handshake timeout in a
 * connect storm, W2 on a slow machine): nothing is left to hand over or to answer, so ws-gateway is not
 * contacted for it on any path, and the edge logs no error. A filter of this test holds such a request
 * until the client's connection has closed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class WebSocketClientGoneTests {

    private static final String HOLD = "X-Test-Hold-Until-Gone";
    private static final ServerSocket GATEWAY = openGateway();
    private static final CountDownLatch HELD = new CountDownLatch(1);
    private static final AtomicReference<Throwable> RELAY_FAILURE = new AtomicReference<>();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        registry.add("WS_GATEWAY_URL", () -> "ws://127.0.0.1:" + GATEWAY.getLocalPort());
        // a hand-off socket nothing listens on: a hand-over attempt would be a 503 in the log
        registry.add("parley.edge.websocket.handoff-socket", () -> Path.of(System.getProperty("java.io.tmpdir"),
                "parley-edge-" + UUID.randomUUID().toString().substring(0, 8), "gw.sock").toString());
        EdgeTestEnvironment.register(registry);
    }

    @AfterAll
    static void closeGateway() throws IOException {
        GATEWAY.close();
    }

    @Test
    void aClientGoneBeforeItsTurnCostsTheGatewayNothing(CapturedOutput output) throws Exception {
        String token = TestTokens.shared().accessToken(UUID.randomUUID(), "leaver");
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream out = client.getOutputStream();
            String upgrade = "GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + "Authorization: Bearer " + token + "\r\n" + HOLD + ": 1\r\n\r\n";
            out.write(upgrade.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(HELD.await(10, TimeUnit.SECONDS)).as("the request held before the relay").isTrue();
            client.setSoLinger(true, 0); // leaves with a reset, as a client giving up does
        }

        GATEWAY.setSoTimeout(2_000);
        Socket contacted = null;
        try {
            contacted = GATEWAY.accept();
        } catch (SocketTimeoutException expected) {
            // nothing came
        } finally {
            if (contacted != null) {
                contacted.close();
            }
        }
        assertThat(contacted).as("a connection to ws-gateway for a client that had left").isNull();
        assertThat(output.getOut()).contains("released " + HOLD).doesNotContain("GET /ws answered");
        assertThat(RELAY_FAILURE.get()).as("the relay's failure").isNull();
    }

    private static ServerSocket openGateway() {
        try {
            return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @TestConfiguration
    static class HoldUntilTheClientLeaves {

        @Bean
        GlobalFilter holdUntilGone() {
            return new Hold();
        }
    }

    /** Before the relay, holds a request that asks for it until its client's connection has closed. */
    static final class Hold implements GlobalFilter, Ordered {

        @Override
        public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
            if (!exchange.getRequest().getHeaders().containsHeader(HOLD)) {
                return chain.filter(exchange);
            }
            HttpServerRequest request = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
            AtomicReference<Channel> channel = new AtomicReference<>();
            request.withConnection(connection -> channel.set(connection.channel()));
            CompletableFuture<Void> relayed = new CompletableFuture<>();
            channel.get().closeFuture().addListener(closed -> {
                System.out.println("released " + HOLD);
                // in a subscription of its own: the server cancels a closed connection's exchange, but not always
                // before the filters after this one have run
                chain.filter(exchange).subscribe(null, failure -> {
                    RELAY_FAILURE.set(failure);
                    relayed.completeExceptionally(failure);
                }, () -> relayed.complete(null));
            });
            HELD.countDown();
            return Mono.fromFuture(relayed, true);
        }

        @Override
        public int getOrder() {
            return 0;
        }
    }
}
