package dev.parley.gateway.ws;

import static dev.parley.testing.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.events.Topic;
import dev.parley.events.message.MessagePosted;
import dev.parley.events.message.Origin;
import dev.parley.gateway.ws.support.GatewayIntegrationTest;
import dev.parley.gateway.ws.support.MessagePipelineStandIn;
import dev.parley.gateway.ws.support.WsTestClient;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class OperationsTests extends GatewayIntegrationTest {

    @Test
    void healthReportsKafkaRedisAndTheFanoutConsumers() throws Exception {
        HttpResponse<String> response = get("/actuator/health");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode components = JsonMapper.builder().build().readTree(response.body()).path("components");
        assertThat(components.path("kafka").path("status").asString()).isEqualTo("UP");
        assertThat(components.path("redis").path("status").asString()).isEqualTo("UP");
        assertThat(components.path("fanout").path("status").asString()).isEqualTo("UP");
    }

    @Test
    void probesAndMetricsAreOpen() throws Exception {
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health/readiness").body()).contains("UP");
        assertThat(get("/actuator/prometheus").body()).contains("jvm_memory_used_bytes");
    }

    @Test
    void theGatewaysOwnMetricsAreExported() throws Exception {
        UUID room = publicRoom(0);
        WsTestClient client = connectReady();
        client.send(subscribe(room)).next("subscribed");
        client.send("{\"type\":\"ping\"}").next("pong");
        client.send("nonsense").next("error");
        connectReady().sendBinary(new byte[] {1}).awaitClose();
        try (MessagePipelineStandIn pipeline = new MessagePipelineStandIn(Topic.MESSAGE_EVENTS)) {
            pipeline.publish(new MessagePosted(room, 1, UUID.randomUUID(), UUID.randomUUID(), "c", "hi",
                    Instant.now(), UUID.randomUUID(), new Origin("gw-elsewhere", "s")));
            client.next("message");
        }

        String metrics = get("/actuator/prometheus").body();
        assertThat(metrics).containsPattern("(?m)^parley_ws_connections(\\{[^}]*})? [1-9]")
                .containsPattern("(?m)^parley_ws_subscriptions(\\{[^}]*})? [1-9]")
                .contains("parley_ws_frames_in_total{type=\"subscribe\"}")
                .contains("parley_ws_frames_in_total{type=\"invalid\"}")
                .contains("parley_ws_frames_out_total{type=\"pong\"}")
                .contains("parley_ws_frames_out_total{type=\"subscribed\"}")
                .contains("parley_ws_closes_total{code=\"1003\"}")
                .contains("parley_ws_deliveries_total{type=\"message\"}")
                .contains("parley_ws_ack_latency_seconds_bucket");
    }

    @Test
    void nothingButTheSocketThePresenceEndpointAndActuatorIsServed() throws Exception {
        String token = tokens.accessToken(UUID.randomUUID(), "x");
        assertProblem(get("/api/rooms"), 401, "unauthorized");
        assertProblem(get("/api/rooms", token), 403, "forbidden");
        assertProblem(get("/anything"), 401, "unauthorized");
        assertProblem(get("/anything", token), 403, "forbidden");
    }
}
