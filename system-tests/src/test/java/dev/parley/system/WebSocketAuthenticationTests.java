package dev.parley.system;

import static dev.parley.testing.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.events.RawHttpAnswer;
import dev.parley.infra.launcher.Component;
import dev.parley.infra.launcher.Platform;
import dev.parley.system.Client.Socket;
import dev.parley.system.Client.User;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A bad token on the path clients take: the edge hands {@code /ws} over to ws-gateway without reading its token (ADR
 * 0023), and ws-gateway judges it. Which tokens are bad, and what each refusal is, are contract §3's rules, tested
 * once in ws-gateway's {@code AuthenticationTests}; these show that its refusals reach the client whole through the
 * public entry, a signed token of the platform's own auth-service with its signature altered.
 */
class WebSocketAuthenticationTests {

    private final Platform platform = RunningPlatform.get();
    private final int edgePort = platform.layout().port(Component.API_GATEWAY);
    private final Client client = new Client(edgePort);

    @Test
    void anUpgradeWithAnAlteredTokenGetsTheGatewaysProblemDocumentThroughTheEdgeAndTheTrueTokenGetsReady()
            throws IOException {
        User user = client.newUser("upgrade");

        RawHttpAnswer refused = upgrade(altered(user.token()));

        assertProblem(refused, 401, "unauthorized");
        assertThat(refused.header("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
        Socket socket = client.connect(user.token());
        assertThat(socket.awaitType("ready").path("userId").asString()).isEqualTo(user.id());
        socket.close();
    }

    @Test
    void anAuthFrameWithAnAlteredTokenClosesTheConnection4001ThroughTheEdge() {
        User user = client.newUser("authframe");
        Socket socket = client.connect(null);

        socket.send("{\"type\":\"auth\",\"token\":\"" + altered(user.token()) + "\"}");

        assertThat(socket.awaitClose()).isEqualTo(4001);
    }

    /** The token with one character of its signature changed: issued by the platform, and no longer its. */
    private static String altered(String token) {
        int at = token.lastIndexOf('.') + (token.length() - token.lastIndexOf('.')) / 2;
        char other = token.charAt(at) == 'A' ? 'B' : 'A';
        return token.substring(0, at) + other + token.substring(at + 1);
    }

    /** A browser's upgrade request for {@code /ws} with the token in its header, and the edge's answer as sent. */
    private RawHttpAnswer upgrade(String token) throws IOException {
        String request = "GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + edgePort + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + "Authorization: Bearer " + token + "\r\n\r\n";
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), edgePort), 5000);
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return RawHttpAnswer.read(socket.getInputStream());
        }
    }
}
