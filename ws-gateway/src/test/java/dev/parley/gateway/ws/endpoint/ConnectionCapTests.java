package dev.parley.gateway.ws.endpoint;

import static dev.parley.testing.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.gateway.ws.support.GatewayIntegrationTest;
import dev.parley.gateway.ws.support.SecondGateway;
import dev.parley.gateway.ws.support.WsTestClient;
import dev.parley.handoff.Transport;
import dev.parley.platform.files.OpenFiles;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A gateway at its connection cap refuses the next upgrade 503 {@code service_unavailable} with
 * {@code Retry-After}, so the client backs off and lands elsewhere (it had been a bare close, which a client
 * could not tell from a crash), and one that sends no request is closed soon; by default the cap is the
 * open-file limit less a reserve.
 */
class ConnectionCapTests extends GatewayIntegrationTest {

    @Test
    void anUpgradeBeyondTheCapIsUnavailableWithRetryAfter() throws Exception {
        try (SecondGateway full = SecondGateway.start("gw-cap-" + UUID.randomUUID().toString().substring(0, 8),
                Map.of("parley.ws.server.max-connections", "1"))) {
            WsTestClient first = track(WsTestClient.connect(full.wsUri(), tokens.accessToken(UUID.randomUUID(), "first")));
            first.next("ready");

            HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + full.wsPort() + "/ws")).build(), HttpResponse.BodyHandlers.ofString());
            assertProblem(refused, 503, "service_unavailable");
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");

            try (Socket silent = new Socket("127.0.0.1", full.wsPort())) {
                silent.setSoTimeout(10_000);
                assertThat(silent.getInputStream().read()).as("beyond the cap, a connection that asks nothing is closed")
                        .isEqualTo(-1);
            }
        }
    }

    @Test
    void theDefaultCapIsTheOpenFileLimitLessTheReserve() {
        WebSocketServerProperties defaults = new WebSocketServerProperties(0, 0, 1, 0, "", Transport.AUTO);
        assertThat(defaults.connectionCap(20_000)).isEqualTo(OpenFiles.connectionsFor(20_000, 1));
        assertThat(new WebSocketServerProperties(0, 0, 1, 7, "", Transport.AUTO).connectionCap(20_000)).isEqualTo(7);
    }
}
