package dev.parley.room;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class OperationsTests extends RoomServiceIntegrationTest {

    @Test
    void theOpenApiDocumentDescribesEveryRoomEndpointWithItsAnswersAndWithoutTheCallerAsAParameter() {
        Api.Response docs = api.get("/v3/api-docs", null);

        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body().path("paths").propertyNames()).containsExactlyInAnyOrder(
                "/api/rooms", "/api/rooms/direct", "/api/rooms/{id}", "/api/rooms/{id}/members",
                "/api/rooms/{id}/members/{userId}", "/api/rooms/{id}/members/{userId}/role",
                "/api/rooms/{id}/bans", "/api/rooms/{id}/bans/{userId}");
        assertThat(docs.body().path("paths").path("/api/rooms/{id}").propertyNames())
                .containsExactlyInAnyOrder("get", "patch", "delete");
        assertThat(docs.body().path("components").path("schemas").path("UpdateRoomRequest").path("properties")
                .propertyNames()).containsExactlyInAnyOrder("name", "topic", "visibility");
        JsonNode join = docs.body().path("paths").path("/api/rooms/{id}/members").path("post").path("responses");
        assertThat(join.propertyNames()).contains("200", "201", "401", "403", "404");
        assertThat(join.path("201").path("content").path("application/json").path("schema").path("$ref").asString())
                .endsWith("/Member");
        assertThat(join.path("403").path("content").path("application/problem+json").path("schema").path("$ref")
                .asString()).endsWith("/Problem");
        assertThat(docs.body().path("paths").path("/api/rooms").path("get").path("parameters").values())
                .extracting(parameter -> parameter.path("name").asString())
                .containsExactlyInAnyOrder("scope", "q", "cursor", "limit");
    }

    @Test
    void theOpenApiDocumentListsTheRoomScopesAsTheServiceAcceptsThem() {
        Api.Response docs = api.get("/v3/api-docs", null);

        JsonNode scope = docs.body().path("paths").path("/api/rooms").path("get").path("parameters").values().stream()
                .filter(parameter -> parameter.path("name").asString().equals("scope")).findFirst().orElseThrow();
        assertThat(scope.path("schema").path("enum").values()).extracting(JsonNode::asString)
                .containsExactly("joined", "public");
        assertThat(scope.path("schema").path("default").asString()).isEqualTo("joined");
    }

    @Test
    void healthReportsTheDatabaseAndKafka() {
        Api.Response health = api.get("/actuator/health", null);

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.text("status")).isEqualTo("UP");
        assertThat(health.body().path("components").path("db").path("status").asString()).isEqualTo("UP");
        assertThat(health.body().path("components").path("kafka").path("status").asString()).isEqualTo("UP");
    }

    @Test
    void livenessAndReadinessProbesAreUp() {
        assertThat(api.get("/actuator/health/liveness", null).text("status")).isEqualTo("UP");
        assertThat(api.get("/actuator/health/readiness", null).text("status")).isEqualTo("UP");
    }

    @Test
    void prometheusMetricsAreExposed() {
        Api.Response metrics = api.get("/actuator/prometheus", null);

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.raw()).contains("hikaricp_connections", "jvm_memory_used_bytes");
    }

    /**
     * A request is observed once (its {@code http.server.requests} timer and span), not again for every filter of the
     * security chain: Spring Security's observations are off in every service (service-defaults.yml).
     */
    @Test
    void anAuthenticatedRequestIsObservedOnceNotForEveryFilterOfTheSecurityChain() {
        assertThat(api.get("/api/rooms", newUser().token()).status()).isEqualTo(200);
        assertThat(api.get("/api/rooms", "not-a-token").status()).isEqualTo(401);

        String metrics = api.get("/actuator/prometheus", null).raw();
        assertThat(metrics).contains("http_server_requests_seconds_count{").doesNotContain("spring_security_");
    }
}
