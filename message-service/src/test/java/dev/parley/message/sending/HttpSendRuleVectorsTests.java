package dev.parley.message.sending;

import static dev.parley.testing.ProblemAssert.problem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.parley.events.message.MessageRuleVectors;
import dev.parley.events.message.MessageRuleVectors.Vector;
import dev.parley.message.IntegrationTestSupport;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * {@code POST /api/rooms/{id}/messages} against every conformance vector of the contract's message rules: the
 * API accepts exactly what the rules accept, and names the field of what they refuse.
 */
class HttpSendRuleVectorsTests extends IntegrationTestSupport {

    private static final UUID roomId = UUID.randomUUID();
    private static final UUID owner = UUID.randomUUID();

    @Autowired
    MockMvc mvc;

    @BeforeAll
    static void createRoom() {
        kafka.createRoom(roomId, "public", owner);
    }

    static Stream<Vector> vectors() {
        return Stream.concat(MessageRuleVectors.bodies().stream(), MessageRuleVectors.clientMsgIds().stream());
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void aSendIsAcceptedExactlyWhenTheRulesAcceptItsFields(Vector vector) throws Exception {
        boolean ofBody = vector.field().equals("body");
        String clientMsgId = ofBody ? UUID.randomUUID().toString() : vector.value();
        String body = ofBody ? vector.value() : "a body";

        ResultActions answer = send(clientMsgId, body);

        if (vector.valid()) {
            answer.andExpect(status().isCreated())
                    .andExpect(jsonPath("$.clientMsgId").value(clientMsgId))
                    .andExpect(jsonPath("$.body").value(body));
        } else {
            answer.andExpect(problem(400, "validation_failed"))
                    .andExpect(jsonPath("$.errors[0].field").value(vector.field()));
        }
    }

    private ResultActions send(String clientMsgId, String body) throws Exception {
        String content = "{\"clientMsgId\":" + jsonString(clientMsgId) + ",\"body\":" + jsonString(body) + "}";
        return mvc.perform(post("/api/rooms/{id}/messages", roomId).header("Authorization", bearer(owner))
                .contentType(MediaType.APPLICATION_JSON).content(content));
    }

    /** Escaped to ASCII, so that what arrives is the vector's exact UTF-16 text, unpaired surrogates included. */
    private static String jsonString(String value) {
        StringBuilder json = new StringBuilder("\"");
        value.chars().forEach(c -> json.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\'
                ? Character.toString(c) : "\\u%04x".formatted(c)));
        return json.append('"').toString();
    }
}
