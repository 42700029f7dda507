package dev.parley.system;

import static dev.parley.testing.ProblemAssert.assertRawProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.infra.launcher.Component;
import dev.parley.infra.launcher.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Contract §2/§7 through the api-gateway: the per-address login limit counts each client's own address
 * (two loopback addresses stand for two clients), not the edge's, and an {@code X-Forwarded-For} a client
 * sends changes nothing. Before, a hundred failed logins from anyone locked every user out.
 */
class LoginLimitByAddressTests {

    private static final String ATTACKER = "127.0.0.42";
    private static final String BYSTANDER = "127.0.0.43";

    private final Platform platform = RunningPlatform.get();
    private final Client client = new Client(platform.layout().port(Component.API_GATEWAY));

    @Test
    void aHundredFailedLoginsFromOneAddressLockOnlyThatAddress() throws Exception {
        Client.User victim = client.newUser("victim");
        String run = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        for (int i = 0; i < 100; i++) { // a different unknown username each time: only the address limit applies
            assertRawProblem(login(ATTACKER, "nobody" + run + "x" + i, "wrong password", null), 401,
                    "invalid_credentials");
        }
        assertRawProblem(login(ATTACKER, victim.username(), "correct horse battery", null), 429, "too_many_attempts");
        // a forwarded address from a client that is no trusted proxy is ignored
        assertRawProblem(login(ATTACKER, victim.username(), "correct horse battery", BYSTANDER), 429,
                "too_many_attempts");

        assertThat(login(BYSTANDER, victim.username(), "correct horse battery", null)).startsWith("HTTP/1.1 200");
    }

    /** A login over a connection from {@code source}; the answer, head and body. */
    private String login(String source, String username, String password, String forwardedFor) throws IOException {
        String body = "{\"username\":\"%s\",\"password\":\"%s\"}".formatted(username, password);
        int port = platform.layout().port(Component.API_GATEWAY);
        String request = "POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                + "Content-Type: application/json\r\nConnection: close\r\n"
                + (forwardedFor == null ? "" : "X-Forwarded-For: " + forwardedFor + "\r\n")
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(source), 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8); // Connection: close: the answer ends it
        }
    }
}
