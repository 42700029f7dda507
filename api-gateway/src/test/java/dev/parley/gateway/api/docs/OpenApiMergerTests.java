package dev.parley.gateway.api.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.gateway.api.EdgeError;
import dev.parley.gateway.api.docs.OpenApiMerger.Part;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class OpenApiMergerTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final OpenApiMerger merger = new OpenApiMerger("https://chat.example.com");

    @Test
    void aComponentTwoServicesDefineDifferentlyIsRenamedInTheSecondWithItsReferences() {
        JsonNode first = json("""
                {"openapi":"3.1.0","paths":{"/a":{"get":{"responses":{"400":{"content":{"application/json":
                  {"schema":{"$ref":"#/components/schemas/Problem"}}}}}}}},
                 "components":{"schemas":{"Problem":{"type":"object","properties":{"code":{"type":"string"}}}}}}""");
        JsonNode second = json("""
                {"openapi":"3.1.0","paths":{"/b":{"get":{"responses":{"400":{"content":{"application/json":
                  {"schema":{"$ref":"#/components/schemas/Problem"}}}}}}}},
                 "components":{"schemas":{"Problem":{"type":"object","properties":{"status":{"type":"integer"}}},
                   "Wrapper":{"type":"object","properties":{"problem":{"$ref":"#/components/schemas/Problem"}}}}}}""");

        ObjectNode merged = merger.merge(List.of(Part.of("one", first), Part.of("two", second)));

        assertThat(merged.path("components").path("schemas").propertyNames())
                .containsExactlyInAnyOrder("Problem", "two.Problem", "Wrapper");
        assertThat(ref(merged.path("paths").path("/a"))).isEqualTo("#/components/schemas/Problem");
        assertThat(ref(merged.path("paths").path("/b"))).isEqualTo("#/components/schemas/two.Problem");
        assertThat(merged.path("components").path("schemas").path("Wrapper").path("properties").path("problem")
                .path("$ref").asString()).isEqualTo("#/components/schemas/two.Problem");
    }

    @Test
    void identicalComponentsAreSharedAndSecuritySchemesThatDifferAreRenamedWhereTheyAreRequired() {
        JsonNode first = json("""
                {"openapi":"3.1.0","paths":{"/a":{"get":{"security":[{"bearer":[]}]}}},
                 "components":{"schemas":{"User":{"type":"object"}},
                   "securitySchemes":{"bearer":{"type":"http","scheme":"bearer"}}}}""");
        JsonNode second = json("""
                {"openapi":"3.1.0","security":[{"bearer":[]}],"paths":{"/b":{"get":{}},"/c":{"get":{"security":[]}}},
                 "components":{"schemas":{"User":{"type":"object"}},
                   "securitySchemes":{"bearer":{"type":"apiKey","in":"header","name":"X-Key"}}}}""");

        ObjectNode merged = merger.merge(List.of(Part.of("one", first), Part.of("two", second)));

        assertThat(merged.path("components").path("schemas").propertyNames()).containsExactly("User");
        assertThat(merged.path("components").path("securitySchemes").propertyNames())
                .containsExactlyInAnyOrder("bearer", "two.bearer");
        assertThat(merged.path("paths").path("/a").path("get").path("security").toString()).isEqualTo("[{\"bearer\":[]}]");
        // the second document's global requirement is now its operations' own, with the scheme's new name
        assertThat(merged.path("paths").path("/b").path("get").path("security").toString()).isEqualTo("[{\"two.bearer\":[]}]");
        assertThat(merged.path("paths").path("/c").path("get").path("security").toString()).isEqualTo("[]");
        assertThat(merged.has("security")).isFalse();
    }

    @Test
    void pathsTagsAndOperationIdsOfEveryServiceAreKeptAndTheOnlyServerIsThePublicOrigin() {
        JsonNode first = json("""
                {"openapi":"3.1.0","servers":[{"url":"http://10.0.0.7:8082"}],"tags":[{"name":"rooms"}],
                 "paths":{"/api/rooms/{id}":{"get":{"operationId":"get","tags":["rooms"]},
                   "servers":[{"url":"http://internal"}]}}}""");
        JsonNode second = json("""
                {"openapi":"3.1.0","servers":[{"url":"http://10.0.0.8:8083"}],"tags":[{"name":"rooms"},{"name":"messages"}],
                 "paths":{"/api/rooms/{roomId}":{"get":{"operationId":"other"},"post":{"operationId":"get"}},
                   "/api/rooms/{roomId}/messages":{"get":{"operationId":"get"}}}}""");

        ObjectNode merged = merger.merge(List.of(Part.of("rooms", first), Part.of("messages", second)));

        assertThat(merged.path("servers").toString()).isEqualTo(
                "[{\"url\":\"https://chat.example.com\",\"description\":\"The public entry (api-gateway)\"}]");
        assertThat(merged.findValues("servers")).hasSize(1);
        assertThat(merged.path("tags").values()).extracting(tag -> tag.path("name").asString())
                .containsExactly("rooms", "messages");
        // one path whatever its variables are called; an operation both describe stays the first one's, noted
        assertThat(merged.path("paths").propertyNames()).containsExactlyInAnyOrder("/api/rooms/{id}", "/api/rooms/{roomId}/messages");
        assertThat(merged.path("paths").path("/api/rooms/{id}").path("get").path("operationId").asString()).isEqualTo("get");
        assertThat(merged.path("paths").path("/api/rooms/{id}").path("post").path("operationId").asString()).isEqualTo("messages.get");
        assertThat(merged.path("paths").path("/api/rooms/{roomId}/messages").path("get").path("operationId").asString())
                .isEqualTo("messages.get2");
        assertThat(merged.path("info").path("description").asString()).contains("**Conflict:** GET /api/rooms/{roomId} of messages");
    }

    /** Clients and SDK authors learn the edge's own errors from the document; the list comes from EdgeError. */
    @Test
    void theDescriptionListsEveryErrorTheEdgeAnswersItself() {
        String description = merger.merge(List.of()).path("info").path("description").asString();

        assertThat(description).contains("502 `bad_gateway`", "503 `service_unavailable`", "504 `gateway_timeout`",
                "431 `request_headers_too_large`", "414 `uri_too_long`", "429 `rate_limited`", "413 `payload_too_large`");
        for (EdgeError error : EdgeError.values()) {
            assertThat(description).contains(error.status().value() + " `" + error.code() + "` (" + error.when() + ")");
        }
    }

    @Test
    void aSourceWithoutADocumentIsNamedAndTheRestIsMerged() {
        ObjectNode merged = merger.merge(List.of(Part.missing("room-service", "answered HTTP 503"),
                Part.of("auth-service", json("{\"openapi\":\"3.1.0\",\"paths\":{\"/api/auth/login\":{\"post\":{}}}}"))));

        assertThat(merged.path("paths").propertyNames()).containsExactly("/api/auth/login");
        assertThat(merged.path("x-parley-unavailable").toString())
                .isEqualTo("[{\"source\":\"room-service\",\"reason\":\"answered HTTP 503\"}]");
        assertThat(merged.path("info").path("description").asString())
                .contains("**Not included now:** room-service (answered HTTP 503)");
    }

    @Test
    void aDocumentOfAnotherShapeIsNamedAsMissingInsteadOfBreakingTheMerge() {
        ObjectNode merged = merger.merge(List.of(
                Part.of("odd-service", json("{\"openapi\":\"3.1.0\",\"tags\":[\"rooms\"],\"paths\":{\"/x\":[]}}")),
                Part.of("auth-service", json("{\"openapi\":\"3.1.0\",\"paths\":{\"/api/auth/login\":{\"post\":{}}}}"))));

        assertThat(merged.path("paths").propertyNames()).containsExactly("/api/auth/login");
        assertThat(merged.path("x-parley-unavailable").toString()).contains("odd-service");
    }

    private static String ref(JsonNode path) {
        return path.path("get").path("responses").path("400").path("content").path("application/json").path("schema")
                .path("$ref").asString();
    }

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }
}
