package dev.parley.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.RawHttp;
import dev.parley.testing.TestTokens;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A client that goes away while a service's answer is still coming: the edge closes its connection to the service, so
 * the service stops writing to nobody. {@link UpstreamConnections} narrowed the edge's own clean-up to connections that
 * still carry their request; this holds that a connection half-way through an answer is still closed (Reactor Netty
 * closes it when the answer's reading is cancelled, and the clean-up would too).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ClientGoneMidAnswerTests {

    private static final ServerSocket SERVICE = listen();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        registry.add("AUTH_SERVICE_URL", () -> "http://127.0.0.1:" + SERVICE.getLocalPort());
        EdgeTestEnvironment.register(registry);
    }

    @AfterAll
    static void stopService() throws IOException {
        SERVICE.close();
    }

    @Test
    void theServicesConnectionIsClosedWhenTheClientLeavesBeforeTheAnswerEnds() throws Exception {
        // the service: the head of a chunked answer and its first chunk, then nothing, until its connection ends
        CompletableFuture<Duration> serviceConnectionEnded = CompletableFuture.supplyAsync(() -> {
            try (Socket connection = SERVICE.accept()) {
                InputStream in = connection.getInputStream();
                RawHttp.readHead(in);
                OutputStream out = connection.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "2\r\n[1\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                long answered = System.nanoTime();
                try {
                    while (in.read() >= 0) {
                        // nothing more comes from the edge: wait for the end of the connection
                    }
                } catch (IOException reset) {
                    // ended with a reset rather than a FIN: ended all the same
                }
                return Duration.ofNanos(System.nanoTime() - answered);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });

        String token = TestTokens.shared().accessToken(UUID.randomUUID(), "leaver");
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
            client.getOutputStream().write(("GET /api/users/me HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String received = readUntil(client.getInputStream(), "[1");
            assertThat(received).startsWith("HTTP/1.1 200");
        } // the client leaves with the answer half-way

        assertThat(serviceConnectionEnded.get(10, TimeUnit.SECONDS)).isLessThan(Duration.ofSeconds(5));
    }

    private static String readUntil(InputStream in, String end) throws IOException {
        StringBuilder read = new StringBuilder();
        while (read.indexOf(end) < 0) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("ended before \"" + end + "\": " + read);
            }
            read.append((char) b);
        }
        return read.toString();
    }

    private static ServerSocket listen() {
        try {
            ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            server.setSoTimeout(20_000);
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
