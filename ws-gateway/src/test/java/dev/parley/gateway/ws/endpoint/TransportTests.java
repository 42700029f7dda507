package dev.parley.gateway.ws.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.parley.gateway.ws.support.GatewayIntegrationTest;
import dev.parley.gateway.ws.support.SecondGateway;
import dev.parley.gateway.ws.support.WsTestClient;
import dev.parley.handoff.Transport;
import io.netty.channel.uring.IoUring;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The transports a gateway runs on: by default io_uring where the kernel allows it, as the rest of the suite runs,
 * else epoll; and each of io_uring, epoll and NIO (where Netty's native library does not load) when named serves a
 * session (ADR 0049).
 */
class TransportTests extends GatewayIntegrationTest {

    @Autowired
    WebSocketServer server;

    @Test
    void byDefaultAGatewayRunsOnIoUringWhereTheKernelAllowsIt() {
        assertThat(server.transport()).isEqualTo(IoUring.isAvailable() ? Transport.IO_URING : Transport.EPOLL);
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"IO_URING", "EPOLL", "NIO"})
    void aGatewayOnATransportNamedOutrightServesASession(Transport transport) {
        assumeTrue(transport != Transport.IO_URING || IoUring.isAvailable(), "io_uring is not allowed here");
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
