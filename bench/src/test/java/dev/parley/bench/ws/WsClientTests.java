package dev.parley.bench.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A connection that ends before {@code ready} says how far it got: the two are different faults of a platform. */
class WsClientTests {

    private static final Pattern KEY = Pattern.compile("(?im)^sec-websocket-key:\\s*(\\S+)");

    @Test
    void aConnectionClosedBeforeAnyAnswerToItsUpgradeSaysSo() throws Exception {
        assertThat(failureWhenTheServer(false)).contains("closed before ready (before the upgrade's answer, ")
                .contains("-1 connection ended without a close frame");
    }

    @Test
    void aConnectionClosedAfterItsUpgradeWasAnsweredSaysSo() throws Exception {
        assertThat(failureWhenTheServer(true)).contains("closed before ready (after the upgrade's 101, ")
                .contains("-1 connection ended without a close frame");
    }

    /** A server that reads the upgrade request, answers it 101 or not, and closes the socket. */
    private static String failureWhenTheServer(boolean upgrades) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             WsClient client = new WsClient(1, SourceAddresses.parse("127.0.0.1"))) {
            Thread.ofPlatform().daemon().start(() -> {
                try (Socket socket = server.accept()) {
                    String head = new String(RefusingEdge.requestHead(socket.getInputStream()), StandardCharsets.US_ASCII);
                    if (upgrades) {
                        socket.getOutputStream().write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                                + "Connection: Upgrade\r\nSec-WebSocket-Accept: " + accept(head) + "\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                        socket.getOutputStream().flush();
                    }
                } catch (Exception e) {
                    // the test's assertion tells
                }
            });
            WsConnection connection = client.connect(URI.create("ws://127.0.0.1:" + server.getLocalPort() + "/ws"),
                    "token", 0, FrameListener.IGNORE);
            assertThatThrownBy(() -> connection.ready().get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
            return connection.ready().exceptionNow().getMessage();
        }
    }

    private static String accept(String head) throws Exception {
        Matcher key = KEY.matcher(head);
        assertThat(key.find()).isTrue();
        byte[] digest = MessageDigest.getInstance("SHA-1").digest(
                (key.group(1) + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII));
        return Base64.getEncoder().encodeToString(digest);
    }
}
