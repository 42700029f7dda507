package dev.parley.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.web.servlet.MockMvc;

class OperationsTests extends IntegrationTestSupport {

    @Autowired
    MockMvc mvc;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    ConsumerFactory<?, ?> consumers;

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
        MessageListenerContainer commands = listeners.getListenerContainer("message-commands");
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
                .andExpect(jsonPath("$.paths['/api/me/unread'].get").exists());
    }
}
