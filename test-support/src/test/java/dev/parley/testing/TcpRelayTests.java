package dev.parley.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What each way of taking the server away looks like from the client's side and from the server's. */
class TcpRelayTests {

    private final EchoServer echo = new EchoServer();
    private final TcpRelay relay = TcpRelay.to(echo.port());

    @AfterEach
    void close() throws IOException {
        relay.close();
        echo.close();
    }

    @Test
    void bytesGoBothWays() throws IOException {
        try (Socket client = connect()) {
            assertThat(exchange(client, "hello")).isEqualTo("hello");
        }
    }

    @Test
    void aCutDropsEveryConnectionAndRefusesNewOnesUntilTheServerIsRestored() throws Exception {
        try (Socket client = connect()) {
            assertThat(exchange(client, "before")).isEqualTo("before");

            relay.cut();

            assertThat(endOf(client)).as("the client sees its connection end").isTrue();
            assertThat(echo.ended.poll(5, TimeUnit.SECONDS)).as("and so does the server").isNotNull();
            assertThatThrownBy(this::connect).isInstanceOf(ConnectException.class);
        }
        relay.restore();
        try (Socket again = connect()) {
            assertThat(exchange(again, "after")).isEqualTo("after");
        }
    }

    @Test
    void aCutRelayKeepsItsPortSoThatNoOtherSocketTakesItBeforeTheServerIsRestored() throws Exception {
        relay.cut(); // no connection open: no TIME_WAIT of the relay's own holds the port

        assertThatThrownBy(this::bindTheRelaysPort).isInstanceOf(BindException.class);
        relay.restore();
        try (Socket again = connect()) {
            assertThat(exchange(again, "after")).isEqualTo("after");
        }
    }

    @Test
    void aStrandedConnectionIsSilentToItsClientWhileTheServerSeesItEndAndNewOnesGetThrough() throws Exception {
        try (Socket client = connect()) {
            assertThat(exchange(client, "before")).isEqualTo("before");

            relay.strand();

            assertThat(echo.ended.poll(5, TimeUnit.SECONDS)).as("the server sees the connection end").isNotNull();
            write(client, "anyone there?");
            assertSilent(client);
            assertThat(relay.strandings()).isOne();
            try (Socket next = connect()) {
                assertThat(exchange(next, "after")).isEqualTo("after");
            }
        }
    }

    @Test
    void theServersAnswerHoldingTheMarkerIsLostAndEveryConnectionStrandedOnce() throws Exception {
        relay.strandWhenServerSends("COMMIT".getBytes(StandardCharsets.US_ASCII));
        try (Socket client = connect(); Socket idle = connect()) {
            assertThat(exchange(client, "begin")).isEqualTo("begin");
            assertThat(exchange(idle, "idle")).isEqualTo("idle");

            write(client, "COMMIT");

            assertSilent(client);
            assertSilent(idle);
            assertThat(relay.strandings()).isOne();
        }
        try (Socket next = connect()) {
            assertThat(exchange(next, "COMMIT")).as("once only").isEqualTo("COMMIT");
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), relay.port());
        socket.setSoTimeout(5000);
        return socket;
    }

    private void bindTheRelaysPort() throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), relay.port()));
        }
    }

    private static String exchange(Socket socket, String text) throws IOException {
        write(socket, text);
        byte[] answer = socket.getInputStream().readNBytes(text.length());
        return new String(answer, StandardCharsets.US_ASCII);
    }

    private static void write(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Whether the connection ended (end of stream or reset) rather than stayed silent. */
    private static boolean endOf(Socket socket) {
        try {
            return socket.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    /** No byte and no end for a second: what a client of a vanished host sees. */
    private static void assertSilent(Socket socket) throws IOException {
        socket.setSoTimeout(1000);
        assertThatThrownBy(() -> socket.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
    }

    /** Echoes what each connection sends; tells when one ends from the client's side. */
    private static final class EchoServer implements AutoCloseable {

        final LinkedBlockingQueue<Socket> ended = new LinkedBlockingQueue<>();
        private final ServerSocket listener;

        EchoServer() {
            try {
                listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Thread.ofPlatform().daemon().start(this::accept);
        }

        int port() {
            return listener.getLocalPort();
        }

        private void accept() {
            while (!listener.isClosed()) {
                try {
                    Socket connection = listener.accept();
                    Thread.ofPlatform().daemon().start(() -> echo(connection));
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void echo(Socket connection) {
            try (connection; InputStream in = connection.getInputStream()) {
                OutputStream out = connection.getOutputStream();
                byte[] buffer = new byte[1024];
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException e) {
                // reset: ended as well
            }
            ended.add(connection);
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }
}
