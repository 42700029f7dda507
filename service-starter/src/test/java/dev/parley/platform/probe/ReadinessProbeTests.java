package dev.parley.platform.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The compose healthcheck's probe, run as the containers run it — a separate java process, judged by its
 * exit code — against a server answering as a ready and an unready service would.
 */
class ReadinessProbeTests {

    private HttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ready", exchange -> answer(exchange, 200, "{\"status\":\"UP\"}"));
        server.createContext("/unready", exchange -> answer(exchange, 503, "{\"status\":\"OUT_OF_SERVICE\"}"));
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void aReadyServiceIsHealthy() throws Exception {
        assertThat(probe(url("/ready"))).isZero();
    }

    @Test
    void anUnreadyServiceIsUnhealthy() throws Exception {
        assertThat(probe(url("/unready"))).isEqualTo(1);
    }

    @Test
    void aServiceThatDoesNotListenIsUnhealthy() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertThat(probe("http://127.0.0.1:" + closedPort + "/actuator/health/readiness")).isEqualTo(1);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private static int probe(String url) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ReadinessProbe.class.getName(), url).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the probe ends").isTrue();
        return process.exitValue();
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
