package dev.parley.events.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.events.message.MessageRuleVectors.Vector;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MessageRulesTests {

    static List<Vector> bodies() {
        return MessageRuleVectors.bodies();
    }

    static List<Vector> clientMsgIds() {
        return MessageRuleVectors.clientMsgIds();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodies")
    void aBodyIsAcceptedExactlyWhenTheContractSaysSo(Vector vector) {
        assertThat(MessageRules.isBody(vector.value())).isEqualTo(vector.valid());
        assertThat(MessageRules.bodyProblem(vector.value()).isPresent()).as("a refusal says why").isEqualTo(!vector.valid());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clientMsgIds")
    void aClientMsgIdIsAcceptedExactlyWhenTheContractSaysSo(Vector vector) {
        assertThat(MessageRules.isClientMsgId(vector.value())).isEqualTo(vector.valid());
        assertThat(MessageRules.clientMsgIdProblem(vector.value()).isPresent()).as("a refusal says why")
                .isEqualTo(!vector.valid());
    }

    @Test
    void aMissingValueIsRefused() {
        assertThat(MessageRules.isBody(null)).isFalse();
        assertThat(MessageRules.bodyProblem(null)).contains("body is required");
        assertThat(MessageRules.isClientMsgId(null)).isFalse();
    }
}
