package dev.parley.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.gateway.ws.support.GatewayIntegrationTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class OperationsTests extends GatewayIntegrationTest {

    @Test
    void healthReportsKafkaRedisAndTheFanoutConsumer() throws Exception {
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
    void nothingButTheSocketAndActuatorIsServed() throws Exception {
        assertThat(get("/api/rooms").statusCode()).isEqualTo(403);
    }
}
