package dev.parley.bench.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.bench.ceiling.CeilingServer;
import dev.parley.bench.report.Progress;
import dev.parley.bench.ws.SourceAddresses;
import dev.parley.bench.ws.WsClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A chat run's set-up opens again a connection whose upgrade was answered 503 (the edge could not hand it to a
 * ws-gateway in time, ADR 0023), as a client would, and counts it; any other answer to an upgrade fails the run.
 * The refused connection is ended by the client, not left to the edge.
 */
class ChatRunUpgradeRetryTests {

    @Test
    void anUpgradeAnswered503IsOpenedAgainAndCounted() throws Exception {
        try (CeilingServer server = CeilingServer.start(0, 2);
             Edge edge = new Edge(server.port(), "503 Service Unavailable", 4);
             WsClient client = new WsClient(2, SourceAddresses.parse("127.0.0.1"));
             ChatRun run = ChatRun.open(scenario(edge), TestRooms.of(2, 3), client, Progress.quiet())) {
            assertThat(run.upgradeRetries()).isEqualTo(4);
            assertThat(edge.upgrades.get()).isEqualTo(6 + 4);
            // the edge keeps a refused connection open: the client ends it, and opens a new one for the retry
            assertThat(edge.refusedClosedByClient.await(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void anUpgradeAnsweredOtherwiseFailsTheRun() throws Exception {
        try (CeilingServer server = CeilingServer.start(0, 2);
             Edge edge = new Edge(server.port(), "401 Unauthorized", 1);
             WsClient client = new WsClient(2, SourceAddresses.parse("127.0.0.1"))) {
            assertThatThrownBy(() -> ChatRun.open(scenario(edge), TestRooms.of(2, 3), client, Progress.quiet()))
                    .hasMessageContaining("connect failed for 1 of 6");
        }
    }

    private static ChatScenario scenario(Edge edge) {
        return new ChatScenario("upgrade-retry-test", 2, 3, 60,
                List.of(URI.create("ws://127.0.0.1:" + edge.port() + "/ws")));
    }

    /**
     * An edge in front of the ceiling server that answers its first {@code refusals} upgrades with {@code status}
     * and keeps those connections open, counting down {@link #refusedClosedByClient} as the client ends each.
     */
    private static final class Edge implements AutoCloseable {

        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final AtomicInteger upgrades = new AtomicInteger();
        private final List<Socket> open = new ArrayList<>();
        private final CountDownLatch refusedClosedByClient;

        Edge(int upstream, String status, int refusals) throws IOException {
            refusedClosedByClient = new CountDownLatch(refusals);
            Thread.ofPlatform().daemon().start(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket client = socket.accept();
                        byte[] head = requestHead(client.getInputStream());
                        if (upgrades.incrementAndGet() <= refusals) {
                            client.getOutputStream().write(("HTTP/1.1 " + status
                                    + "\r\ncontent-length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                            Thread.ofPlatform().daemon().start(() -> untilClientEnds(client));
                            continue;
                        }
                        Socket server = new Socket(InetAddress.getLoopbackAddress(), upstream);
                        synchronized (open) {
                            open.add(client);
                            open.add(server);
                        }
                        server.getOutputStream().write(head);
                        pipe(client.getInputStream(), server.getOutputStream());
                        pipe(server.getInputStream(), client.getOutputStream());
                    } catch (IOException closed) {
                        // the edge is closing, or one client went away
                    }
                }
            });
        }

        int port() {
            return socket.getLocalPort();
        }

        private static byte[] requestHead(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("closed before the request's head ended");
                }
                head.write(b);
            }
            return head.toByteArray();
        }

        private void untilClientEnds(Socket client) {
            try (client) {
                if (client.getInputStream().read() < 0) {
                    refusedClosedByClient.countDown();
                }
            } catch (IOException reset) {
                refusedClosedByClient.countDown();
            }
        }

        private static void pipe(InputStream from, OutputStream to) {
            Thread.ofPlatform().daemon().start(() -> {
                try {
                    from.transferTo(to);
                } catch (IOException closed) {
                    // one side ended
                }
            });
        }

        @Override
        public void close() throws IOException {
            socket.close();
            synchronized (open) {
                for (Socket s : open) {
                    s.close();
                }
            }
        }
    }
}
