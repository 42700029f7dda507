package dev.parley.message.sending;

import static dev.parley.testing.ProblemAssert.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.parley.events.message.MessagePosted;
import dev.parley.infra.Infrastructure;
import dev.parley.infra.KafkaBroker;
import dev.parley.message.IntegrationTestSupport;
import dev.parley.message.commands.HttpCommandProperties;
import dev.parley.message.events.KafkaSetup;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code POST /api/rooms/{id}/messages}: the WebSocket send's pipeline and guarantees, over HTTP. */
class HttpSendTests extends IntegrationTestSupport {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    JsonMapper json;

    @Autowired
    HttpCommandProperties http;

    private final UUID roomId = UUID.randomUUID();
    private final UUID owner = UUID.randomUUID();

    @Test
    void aSendIsAnswered201WithTheStoredMessageWhichHistoryShowsAtOnce() throws Exception {
        kafka.createRoom(roomId, "private", owner);

        JsonNode message = body(send(owner, "c-1", "hello over http").andExpect(status().isCreated())
                .andExpect(jsonPath("$.seq").value(1))
                .andExpect(jsonPath("$.roomId").value(roomId.toString()))
                .andExpect(jsonPath("$.senderId").value(owner.toString()))
                .andExpect(jsonPath("$.clientMsgId").value("c-1"))
                .andExpect(jsonPath("$.body").value("hello over http"))
                .andExpect(jsonPath("$.createdAt", endsWith("Z")))
                .andExpect(jsonPath("$.deleted").value(false))
                .andExpect(jsonPath("$.editedAt").doesNotExist()));

        // Read-your-writes: the caller's next history read shows it, byte for byte.
        mvc.perform(get("/api/rooms/{id}/messages", roomId).header("Authorization", bearer(owner)))
                .andExpect(status().isOk())
                .andExpect(result -> assertThat(body(result).get("items").get(0)).isEqualTo(message));
        assertThat(kafka.awaitOnlyEvent(roomId)).isInstanceOfSatisfying(MessagePosted.class, posted -> {
            assertThat(posted.messageId().toString()).isEqualTo(message.get("id").asString());
            assertThat(posted.origin().gatewayId()).startsWith("message-service-");
            assertThat(posted.origin().sessionId()).isEqualTo(posted.commandId().toString());
        });
    }

    @Test
    void aRetryWithTheSameClientMsgIdIsAnswered201WithTheOriginalMessage() throws Exception {
        kafka.createRoom(roomId, "public", owner);
        JsonNode original = body(send(owner, "retry-me", "once").andExpect(status().isCreated()));

        JsonNode retry = body(send(owner, "retry-me", "once, again").andExpect(status().isCreated()));

        assertThat(retry).isEqualTo(original);
        assertThat(retry.get("body").asString()).isEqualTo("once");
        assertThat(rows()).isEqualTo(1);
    }

    @Test
    void sendsAndWebSocketCommandsShareOneSequence() throws Exception {
        kafka.createRoom(roomId, "public", owner);
        kafka.send(roomId, owner, "ws-1", "from a gateway");
        kafka.awaitOnlyEvent(roomId);

        send(owner, "http-1", "from http").andExpect(status().isCreated()).andExpect(jsonPath("$.seq").value(2));
    }

    /**
     * What only the HTTP entry can get wrong: a missing field, a wrong JSON type, JSON that is not whole. The body and
     * clientMsgId rules themselves are the shared vectors' (HttpSendRuleVectorsTests).
     */
    @Test
    void invalidSendsAre400ValidationFailedNamingTheField() throws Exception {
        kafka.createRoom(roomId, "public", owner);

        postJson(owner, "{\"clientMsgId\":\"c-1\",\"body\":42}").andExpect(problem(400, "validation_failed"))
                .andExpect(jsonPath("$.errors[0].field").value("body"));
        postJson(owner, "{\"clientMsgId\":\"c-1\"").andExpect(problem(400, "validation_failed"));
        postJson(owner, "{\"body\":\"no id\"}").andExpect(problem(400, "validation_failed"))
                .andExpect(jsonPath("$.errors[0].field").value("clientMsgId"));
        postJson(owner, "{\"clientMsgId\":\"c-1\"}").andExpect(problem(400, "validation_failed"))
                .andExpect(jsonPath("$.errors[0].field").value("body"));
        assertThat(rows()).isZero();
    }

    @Test
    void aNonMemberIs403NotMemberInAPublicRoomAnd404InAPrivateOrUnknownOne() throws Exception {
        kafka.createRoom(roomId, "public", owner);
        UUID privateRoom = UUID.randomUUID();
        kafka.createRoom(privateRoom, "private", owner);
        UUID stranger = UUID.randomUUID();

        send(stranger, "c-1", "hi").andExpect(problem(403, "not_member"));
        mvc.perform(post("/api/rooms/{id}/messages", privateRoom).header("Authorization", bearer(stranger))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"clientMsgId\":\"c-1\",\"body\":\"hi\"}"))
                .andExpect(problem(404, "room_not_found"));
        mvc.perform(post("/api/rooms/{id}/messages", UUID.randomUUID()).header("Authorization", bearer(owner))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"clientMsgId\":\"c-1\",\"body\":\"hi\"}"))
                .andExpect(problem(404, "room_not_found"));
    }

    @Test
    void aSendNotStoredWithinTheWaitIs202AndIsStoredOnceTheConsumerCatchesUp() throws Exception {
        kafka.createRoom(roomId, "public", owner);
        send(owner, "warm-up", "the room's projection and sequence exist").andExpect(status().isCreated());
        MessageListenerContainer commands = listeners.getListenerContainer(KafkaSetup.COMMANDS_LISTENER);
        commands.pause();
        try {
            awaitTrue(commands::isContainerPaused, Duration.ofSeconds(10));
            long sent = System.nanoTime();
            send(owner, "c-1", "patience").andExpect(status().isAccepted())
                    .andExpect(jsonPath("$.clientMsgId").value("c-1"))
                    .andExpect(jsonPath("$.seq").doesNotExist());
            assertThat(Duration.ofNanos(System.nanoTime() - sent)).as("the wait, then 202")
                    .isBetween(http.outcomeWait(), http.outcomeWait().plusSeconds(3));
        } finally {
            commands.resume();
        }

        assertThat(kafka.awaitPosted(roomId, 2).get(1).clientMsgId()).isEqualTo("c-1");
        send(owner, "c-1", "patience").andExpect(status().isCreated()).andExpect(jsonPath("$.seq").value(2));
        assertThat(rows()).isEqualTo(2);
    }

    @Test
    void aSendWaitsFiveSecondsForPersistenceUnlessConfiguredOtherwise() {
        HttpCommandProperties defaults = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("parley.message.http", HttpCommandProperties.class);
        assertThat(defaults.outcomeWait()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void withKafkaDownASendFailsFastWith503Unavailable() throws Exception {
        kafka.createRoom(roomId, "public", owner);
        send(owner, "warm-up", "metadata is cached").andExpect(status().isCreated());
        KafkaBroker broker = Infrastructure.shared().kafka();
        broker.stop();
        try {
            long start = System.nanoTime();
            send(owner, "c-1", "nobody listening").andExpect(problem(503, "service_unavailable"));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        } finally {
            broker.restart();
        }

        // Back in business: the retry with the same clientMsgId is stored (once) when Kafka is back.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int status;
        do {
            status = send(owner, "c-1", "nobody listening").andReturn().getResponse().getStatus();
        } while (status != 201 && System.nanoTime() < deadline);
        assertThat(status).isEqualTo(201);
        assertThat(rows()).isEqualTo(2);
    }

    private ResultActions send(UUID sender, String clientMsgId, String body) throws Exception {
        return postJson(sender, json.writeValueAsString(new SendRequest(clientMsgId, body, null, null)));
    }

    private ResultActions postJson(UUID sender, String content) throws Exception {
        return mvc.perform(post("/api/rooms/{id}/messages", roomId).header("Authorization", bearer(sender))
                .contentType(MediaType.APPLICATION_JSON).content(content));
    }

    private JsonNode body(ResultActions result) throws Exception {
        return body(result.andReturn());
    }

    private JsonNode body(MvcResult result) throws Exception {
        return json.readTree(result.getResponse().getContentAsString());
    }

    private long rows() {
        return jdbc.sql("select count(*) from messages where room_id = :room").param("room", roomId)
                .query(Long.class).single();
    }
}
