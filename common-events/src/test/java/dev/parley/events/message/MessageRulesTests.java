package dev.parley.events.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.events.message.MessageRuleVectors.Vector;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

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

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"\uD83D\uDC4D", "\uD83D\uDC4D\uD83C\uDFFD", "\u2764\uFE0F",
            "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67", "\uD83C\uDDEB\uD83C\uDDF7", "1\uFE0F\u20E3",
            ":thumbs_up:", ":+1:", ":a-b_c:"})
    void aReactionIsAnEmojiSequenceOrAShortcode(String emoji) {
        assertThat(MessageRules.emojiProblem(emoji)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"", "a", "hello", ":Thumbs:", "::", ":a b:", "1", "#", "\uD83D\uDC4Dx", "<b>",
            "\u200D"})
    void anythingElseIsNotAReaction(String emoji) {
        assertThat(MessageRules.isEmoji(emoji)).isFalse();
    }

    @Test
    void aReactionIsAtMost64CodePoints() {
        assertThat(MessageRules.isEmoji(":" + "a".repeat(62) + ":")).isTrue();
        assertThat(MessageRules.isEmoji(":" + "a".repeat(63) + ":")).isFalse();
        assertThat(MessageRules.isEmoji(null)).isFalse();
    }

    @Test
    void mentionsAreUsernamesAfterAnAtInOrderWithoutRepeats() {
        assertThat(MessageRules.mentionCandidates("hi @Ada and @bob_2, @ADA again; mail x@ada.org, @no"))
                .containsExactly("ada", "bob_2");
        assertThat(MessageRules.mentionCandidates("thanks @ada.")).containsExactly("ada.", "ada");
        assertThat(MessageRules.mentionCandidates("(@carol) @dave-x")).containsExactly("carol", "dave-x");
        assertThat(MessageRules.mentionCandidates("no mentions here")).isEmpty();
    }

    @Test
    void withAnAttachmentTheBodyMayBeEmptyButNotBlankOrBroken() {
        assertThat(MessageRules.bodyProblem("", 1)).isEmpty();
        assertThat(MessageRules.bodyProblem("", 0)).isPresent();
        assertThat(MessageRules.bodyProblem(" ", 1)).isPresent();
        assertThat(MessageRules.bodyProblem(null, 1)).isPresent();
    }

    @Test
    void attachmentsAreAtMostTenDistinctIds() {
        assertThat(MessageRules.attachmentsProblem(List.of())).isEmpty();
        assertThat(MessageRules.attachmentsProblem(java.util.stream.IntStream.range(0, 10).boxed().toList())).isEmpty();
        assertThat(MessageRules.attachmentsProblem(java.util.stream.IntStream.range(0, 11).boxed().toList())).isPresent();
        assertThat(MessageRules.attachmentsProblem(List.of(1, 1))).isPresent();
    }
}
