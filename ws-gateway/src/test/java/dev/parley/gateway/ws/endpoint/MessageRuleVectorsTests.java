package dev.parley.gateway.ws.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.events.message.MessageRuleVectors;
import dev.parley.events.message.MessageRuleVectors.Vector;
import dev.parley.gateway.ws.support.GatewayIntegrationTest;
import dev.parley.gateway.ws.support.SequencerStandIn;
import dev.parley.gateway.ws.support.WsTestClient;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The contract's conformance vectors for what a sender may write, each in a real {@code send} frame: the
 * gateway refuses exactly the invalid ones, naming the field, and lets every valid one through to its ack.
 */
class MessageRuleVectorsTests extends GatewayIntegrationTest {

    private static final String VALID_CLIENT_MSG_ID = "vector";
    private static final String VALID_BODY = "hello";

    /** Escapes all but ASCII: a WebSocket text frame must be valid UTF-8, and some vectors are lone surrogates. */
    private static final JsonMapper FRAMES = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    private static SequencerStandIn sequencer;

    @BeforeAll
    static void startTheSequencer() {
        sequencer = new SequencerStandIn(messageService);
    }

    @AfterAll
    static void stopTheSequencer() throws InterruptedException {
        sequencer.close();
    }

    static Stream<Vector> vectors() {
        return Stream.concat(MessageRuleVectors.bodies().stream(), MessageRuleVectors.clientMsgIds().stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void theGatewayRefusesExactlyTheInvalidVectors(Vector vector) {
        UUID sender = UUID.randomUUID();
        UUID room = publicRoom(0, sender);
        sequencer.handle(room);
        boolean isBody = vector.field().equals("body");
        String clientMsgId = isBody ? VALID_CLIENT_MSG_ID : vector.value();
        WsTestClient client = connectReady(sender).ignoring("presence", "message");

        client.send(FRAMES.writeValueAsString(FRAMES.createObjectNode()
                .put("type", "send")
                .put("roomId", room.toString())
                .put("clientMsgId", clientMsgId)
                .put("body", isBody ? vector.value() : VALID_BODY)
                .put("id", "s-1")));

        JsonNode answer = client.next();
        assertThat(answer.path("id").asString()).isEqualTo("s-1");
        if (vector.valid()) {
            assertThat(answer.path("type").asString()).as("answer %s", answer).isEqualTo("ack");
            assertThat(answer.path("clientMsgId").asString()).isEqualTo(clientMsgId);
        } else {
            assertThat(answer.path("type").asString()).as("answer %s", answer).isEqualTo("error");
            assertThat(answer.path("code").asString()).isEqualTo("validation_failed");
            assertThat(answer.path("field").asString()).isEqualTo(vector.field());
        }
    }
}
