package dev.parley.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.RawHttp;
import dev.parley.testing.TestTokens;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A client that stops reading a relayed {@code /ws} connection (ADR 0048): the edge's two sockets of the splice hold
 * only a bounded share of what ws-gateway sends it, so ws-gateway's own socket fills within a few hundred KB and its
 * slow-consumer clocks start (ADR 0040). Left to the kernel's autotuning, the edge's side took megabytes, and ten
 * such connections of one user were still open 45 s later (the hostile workload's "members who stop reading" with
 * the edge relaying).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RelayedSlowReaderTests {

    /**
     * What may wait of one stalled client's stream in ws-gateway's socket, the edge's two and the client's: 348 KB
     * measured with the edge's 64 KiB buffers, 6.1 MB with the kernel's autotuning (ADR 0048).
     */
    private static final long MOST_HELD = 1024 * 1024;

    private static final StandIn GATEWAY = StandIn.start();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        registry.add("WS_GATEWAY_URL", () -> "ws://127.0.0.1:" + GATEWAY.port());
        EdgeTestEnvironment.register(registry);
    }

    @AfterAll
    static void stopGateway() throws IOException {
        GATEWAY.close();
    }

    @Test
    void aClientThatStopsReadingHoldsLittleOfWsGatewaysStreamAtTheEdge() throws Exception {
        try (Socket client = new Socket()) {
            client.setReceiveBufferSize(8 * 1024); // as the hostile workload's stalled members
            client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            OutputStream out = client.getOutputStream();
            out.write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nAuthorization: Bearer "
                    + TestTokens.shared().accessToken(UUID.randomUUID(), "stalled") + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            assertThat(RawHttp.readHead(client.getInputStream())).startsWith("HTTP/1.1 101");
            // from here on the client reads nothing, and the stand-in writes frames until its socket takes no more

            long sent = -1;
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (GATEWAY.sent() != sent && System.nanoTime() < deadline) {
                sent = GATEWAY.sent();
                Thread.sleep(2_000);
            }
            assertThat(GATEWAY.sent()).as("what ws-gateway's socket could hand on after the client stopped reading "
                    + "(its own buffer, the edge's two and the client's)").isEqualTo(sent).isPositive()
                    .isLessThan(MOST_HELD);
        }
    }

    /**
     * A stand-in for ws-gateway with its 64 KiB send buffer: answers one upgrade 101, then writes 4 KB text frames for
     * as long as its socket takes them, counting the bytes it took.
     */
    private static final class StandIn implements AutoCloseable {

        private final ServerSocket server;
        private final AtomicLong sent = new AtomicLong();

        private StandIn(ServerSocket server) {
            this.server = server;
        }

        static StandIn start() {
            try {
                StandIn standIn = new StandIn(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
                Thread.ofPlatform().daemon().name("ws-gateway-stand-in").start(standIn::serve);
                return standIn;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        int port() {
            return server.getLocalPort();
        }

        long sent() {
            return sent.get();
        }

        private void serve() {
            try (Socket connection = server.accept()) {
                connection.setSendBufferSize(64 * 1024);
                RawHttp.readHead(connection.getInputStream());
                OutputStream out = connection.getOutputStream();
                out.write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
                byte[] frame = new byte[4 + 4_000];
                frame[0] = (byte) 0x81; // a final text frame
                frame[1] = 126; // its length in the next two bytes
                frame[2] = (byte) (4_000 >> 8);
                frame[3] = (byte) (4_000 & 0xFF);
                Arrays.fill(frame, 4, frame.length, (byte) 'x');
                while (true) {
                    out.write(frame);
                    sent.addAndGet(frame.length);
                }
            } catch (IOException closed) {
                // the test ended
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
