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

    /** The characters a body may hold are the body rule's: what it refuses, mayHold refuses, and nothing else. */
    @Test
    void aBodyMayHoldEveryCharacterButControlsOtherThanTabCrLfAndUnpairedSurrogates() {
        assertThat(List.of((int) 'a', (int) '\t', (int) '\r', (int) '\n', (int) ' ', 0x1F600, 0x00E9))
                .allMatch(MessageRules::mayHold);
        assertThat(List.of(0x00, 0x01, 0x1B, 0x7F, 0x85, 0xD800, 0xDFFF)).noneMatch(MessageRules::mayHold);
        for (int codePoint : new int[] {0x00, 0x1B, 0xD800}) {
            assertThat(MessageRules.bodyProblem("ok" + new String(Character.toChars(codePoint)))).isPresent();
        }
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
            "#\u20E3", "*\uFE0F\u20E3", ":thumbs_up:", ":+1:", ":a-b_c:"})
    void aReactionIsAnEmojiSequenceOrAShortcode(String emoji) {
        assertThat(MessageRules.emojiProblem(emoji)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"", "a", "hello", ":Thumbs:", "::", ":a b:", "1", "#", "\uD83D\uDC4Dx", "<b>",
            "\u200D", "\u20E3", "123\u20E3", "\uFE0F\u20E3", "1\uFE0F\uFE0F\u20E3", "a\u20E3", "1\u20E3\u20E3",
            "\uD83D\uDC4D1"})
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
