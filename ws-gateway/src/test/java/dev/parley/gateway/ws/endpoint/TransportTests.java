package dev.parley.gateway.ws.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.gateway.ws.support.GatewayIntegrationTest;
import dev.parley.gateway.ws.support.SecondGateway;
import dev.parley.gateway.ws.support.WsTestClient;
import dev.parley.handoff.Transport;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * The transports a gateway falls back to where io_uring is not allowed (a container's default seccomp profile
 * refuses it): each serves a session as the default one does (ADR 0047). The rest of the suite runs on the default.
 */
class TransportTests extends GatewayIntegrationTest {

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"EPOLL", "NIO"})
    void aGatewayOnAFallbackTransportServesASession(Transport transport) {
        String gatewayId = "gw-" + transport.name().toLowerCase(Locale.ROOT) + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        try (SecondGateway gateway = SecondGateway.start(gatewayId, Map.of("parley.ws.server.transport",
                transport.name()))) {
            assertThat(gateway.bean(WebSocketServer.class).transport()).isEqualTo(transport);
            UUID user = UUID.randomUUID();
            WsTestClient client = track(WsTestClient.connect(gateway.wsUri(), tokens.accessToken(user, "tove")));

            JsonNode ready = client.next("ready");
            assertThat(ready.path("userId").asString()).isEqualTo(user.toString());
            client.send("{\"type\":\"ping\"}").next("pong");
        }
    }
}
