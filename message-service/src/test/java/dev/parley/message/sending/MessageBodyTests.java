package dev.parley.message.sending;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageBodyTests {

    @Test
    void ordinaryTextIsValidIncludingTabsAndLineBreaks() {
        assertThat(MessageBody.isValid("hello")).isTrue();
        assertThat(MessageBody.isValid("line one\r\n\tline two")).isTrue();
        assertThat(MessageBody.isValid("<script>alert(1)</script>")).isTrue();
        assertThat(MessageBody.isValid(" x ")).isTrue();
    }

    @Test
    void nullEmptyAndBlankBodiesAreInvalid() {
        assertThat(MessageBody.isValid(null)).isFalse();
        assertThat(MessageBody.isValid("")).isFalse();
        assertThat(MessageBody.isValid(" \t\r\n")).isFalse();
        // White_Space beyond ASCII: no-break space, ideographic space, line separator, narrow no-break space.
        assertThat(MessageBody.isValid("\u00a0\u3000\u2028\u202f")).isFalse();
    }

    @Test
    void lengthIsCountedInCodePointsNotUtf16Units() {
        assertThat(MessageBody.isValid("😀".repeat(4000))).isTrue();
        assertThat(MessageBody.isValid("😀".repeat(4001))).isFalse();
        assertThat(MessageBody.isValid("a".repeat(4000))).isTrue();
        assertThat(MessageBody.isValid("a".repeat(4001))).isFalse();
    }

    @Test
    void controlCharactersOtherThanTabCrAndLfAreInvalid() {
        assertThat(MessageBody.isValid("a\u0000b")).isFalse();
        assertThat(MessageBody.isValid("a\u0007b")).isFalse();
        assertThat(MessageBody.isValid("a\u007fb")).isFalse();
        assertThat(MessageBody.isValid("a\u0085b")).isFalse();
        assertThat(MessageBody.isValid("a\u001bb")).isFalse();
    }

    @Test
    void loneSurrogatesAreInvalid() {
        assertThat(MessageBody.isValid("a\ud83d")).isFalse();
        assertThat(MessageBody.isValid("\ude00a")).isFalse();
    }

    @Test
    void clientMsgIdsAreOneToSixtyFourSafeCharacters() {
        assertThat(ClientMsgId.isValid("a")).isTrue();
        assertThat(ClientMsgId.isValid("A-z_09".repeat(10) + "abcd")).isTrue();
        assertThat(ClientMsgId.isValid("x".repeat(65))).isFalse();
        assertThat(ClientMsgId.isValid("")).isFalse();
        assertThat(ClientMsgId.isValid(null)).isFalse();
        assertThat(ClientMsgId.isValid("has space")).isFalse();
        assertThat(ClientMsgId.isValid("é")).isFalse();
    }
}
