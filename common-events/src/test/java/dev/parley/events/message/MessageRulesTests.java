package dev.parley.events.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.events.message.MessageRuleVectors.Vector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
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

    @Test
    void upToTenDistinctFilesMayBeAttached() {
        List<UUID> ten = Stream.generate(UUID::randomUUID).limit(MessageRules.MAX_ATTACHMENTS).toList();
        assertThat(MessageRules.isAttachmentList(List.of())).isTrue();
        assertThat(MessageRules.isAttachmentList(ten)).isTrue();
        assertThat(MessageRules.isAttachmentList(List.copyOf(ten))).as("an immutable list, which refuses contains(null)")
                .isTrue();

        List<UUID> eleven = new ArrayList<>(ten);
        eleven.add(UUID.randomUUID());
        assertThat(MessageRules.attachmentsProblem(eleven)).contains("at most 10 attachments");
        UUID once = UUID.randomUUID();
        assertThat(MessageRules.attachmentsProblem(List.of(once, UUID.randomUUID(), once)))
                .contains("attachments must not repeat a file");
        assertThat(MessageRules.attachmentsProblem(Arrays.asList(once, null))).contains("attachments must be file ids");
        assertThat(MessageRules.isAttachmentList(null)).as("attachments are optional").isTrue();
    }
}
