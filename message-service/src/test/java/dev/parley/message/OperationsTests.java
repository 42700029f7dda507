package dev.parley.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.parley.message.events.KafkaSetup;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class OperationsTests extends IntegrationTestSupport {

    @Autowired
    MockMvc mvc;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    ConsumerFactory<?, ?> consumers;

    @Autowired
    JsonMapper json;

    @Test
    void healthReportsPostgresKafkaAndRedis() throws Exception {
        mvc.perform(get("/actuator/health")).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"))
                .andExpect(jsonPath("$.components.db.status").value("UP"))
                .andExpect(jsonPath("$.components.db.details.database").value("PostgreSQL"))
                .andExpect(jsonPath("$.components.kafka.status").value("UP"))
                .andExpect(jsonPath("$.components.redis.status").value("UP"));
    }

    @Test
    void commandsAreConsumedAsBatchesOfUpToFiveHundredWithCooperativeRebalancing() {
        MessageListenerContainer commands = listeners.getListenerContainer(KafkaSetup.COMMANDS_LISTENER);
        assertThat(commands.getContainerProperties().getKafkaConsumerProperties())
                .containsEntry(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
        assertThat(consumers.getConfigurationProperties())
                .containsEntry(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                        CooperativeStickyAssignor.class.getName())
                .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    }

    @Test
    void livenessAndReadinessProbesAreUpAndReadinessDoesNotDependOnRedis() throws Exception {
        mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"));
        mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"))
                .andExpect(jsonPath("$.components.db.status").value("UP"))
                .andExpect(jsonPath("$.components.redis").doesNotExist());
    }

    @Test
    void prometheusMetricsAreOpenToScrapers() throws Exception {
        mvc.perform(get("/actuator/prometheus")).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("jvm_memory_used_bytes")));
    }

    @Test
    void theOpenApiDocumentDescribesEveryEndpoint() throws Exception {
        mvc.perform(get("/v3/api-docs")).andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/rooms/{roomId}/messages'].get").exists())
                .andExpect(jsonPath("$.paths['/api/rooms/{roomId}/messages'].post").exists())
                .andExpect(jsonPath("$.paths['/api/rooms/{roomId}/messages/{seq}'].patch").exists())
                .andExpect(jsonPath("$.paths['/api/rooms/{roomId}/messages/{seq}'].delete").exists())
                .andExpect(jsonPath("$.paths['/api/rooms/{roomId}/read'].put").exists())
                .andExpect(jsonPath("$.paths['/api/me/unread'].get").exists())
                .andExpect(jsonPath("$.paths['/api/search/messages'].get").exists())
                .andExpect(jsonPath("$.paths['/api/rooms/{roomId}/messages/{seq}/thread'].get").exists())
                .andExpect(jsonPath("$.paths['/api/rooms/{roomId}/messages/{seq}/reactions/{emoji}'].put").exists())
                .andExpect(jsonPath("$.paths['/api/rooms/{roomId}/messages/{seq}/reactions/{emoji}'].delete").exists())
                .andExpect(jsonPath("$.paths['/api/me/mentions'].get").exists())
                .andExpect(jsonPath("$.paths['/api/files'].post.requestBody.content['multipart/form-data']").exists())
                .andExpect(jsonPath("$.paths['/api/files/{id}'].get").exists())
                // the caller comes from the token (@CurrentUser), never from the request
                .andExpect(jsonPath("$.paths..parameters[?(@.name == 'caller')]").isEmpty());
    }

    @Test
    void theOpenApiDocumentAnswersASendWithTheStoredMessageOrThePendingClientMsgId() throws Exception {
        JsonNode send = apiDocs().path("paths").path("/api/rooms/{roomId}/messages").path("post").path("responses");

        assertThat(send.propertyNames()).contains("201", "202", "400", "401", "403", "404", "503").doesNotContain("200");
        assertThat(send.path("201").path("content").path("application/json").path("schema").path("$ref").asString())
                .endsWith("/MessageView");
        assertThat(send.path("202").path("content").path("application/json").path("schema").path("$ref").asString())
                .endsWith("/Pending");
        assertThat(apiDocs().path("components").path("schemas").path("Pending").path("properties").propertyNames())
                .containsExactly("clientMsgId");
    }

    @Test
    void everyErrorResponseInTheOpenApiDocumentIsAProblemAndEveryOperationMayBeUnauthorized() throws Exception {
        JsonNode docs = apiDocs();
        List<String> operations = new ArrayList<>();
        docs.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            String name = operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
            operations.add(name);
            JsonNode responses = operation.getValue().path("responses");
            assertThat(responses.has("401")).as(name).isTrue();
            responses.properties().stream().filter(response -> !response.getKey().startsWith("2"))
                    .forEach(response -> assertThat(response.getValue().path("content").properties())
                            .as("%s %s", name, response.getKey()).singleElement().satisfies(content -> {
                                assertThat(content.getKey()).isEqualTo("application/problem+json");
                                assertThat(content.getValue().path("schema").path("$ref").asString()).endsWith("/Problem");
                            }));
        }));

        assertThat(operations).contains("PATCH /api/rooms/{roomId}/messages/{seq}", "GET /api/search/messages");
        assertThat(docs.path("components").path("schemas").path("Problem").path("properties").propertyNames())
                .contains("status", "code", "errors");
    }

    @Test
    void theOpenApiDocumentDeclaresTheBearerSchemeAndEveryOperationRequiresIt() throws Exception {
        JsonNode docs = json.readTree(mvc.perform(get("/v3/api-docs")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString());

        JsonNode bearer = docs.path("components").path("securitySchemes").path("bearer");
        assertThat(bearer.path("type").asString()).isEqualTo("http");
        assertThat(bearer.path("scheme").asString()).isEqualTo("bearer");
        assertThat(bearer.path("bearerFormat").asString()).isEqualTo("JWT");
        List<JsonNode> operations = new ArrayList<>();
        docs.path("paths").forEach(path -> path.forEach(operations::add));
        assertThat(operations).hasSizeGreaterThanOrEqualTo(6).allSatisfy(operation -> {
            // an operation's own list replaces the document's: either one must name the bearer scheme
            JsonNode security = operation.has("security") ? operation.path("security") : docs.path("security");
            assertThat(security.values()).isNotEmpty()
                    .allSatisfy(requirement -> assertThat(requirement.has("bearer")).isTrue());
        });
    }

    private JsonNode apiDocs() throws Exception {
        return json.readTree(mvc.perform(get("/v3/api-docs")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString());
    }
}
