package dev.parley.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ErrorCodeTests {

    @Test
    void theWireNameIsTheContractsSnakeCaseCodeAndReadsBack() {
        assertThat(ErrorCode.TOO_MANY_SUBSCRIPTIONS.wireName()).isEqualTo("too_many_subscriptions");
        assertThat(ErrorCode.FILE_TOO_LARGE.wireName()).isEqualTo("file_too_large");
        assertThat(ErrorCode.FILE_NOT_FOUND.wireName()).isEqualTo("file_not_found");
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(ErrorCode.ofWireName(code.wireName())).contains(code);
        }
    }

    @Test
    void anErrorFrameCarriesTheCodesOfContractSection3Only() {
        assertThat(ErrorCode.ofErrorFrames()).extracting(ErrorCode::wireName).containsExactlyInAnyOrder(
                "invalid_frame", "unknown_type", "validation_failed", "unauthorized", "not_member", "room_not_found",
                "rate_limited", "too_many_subscriptions", "internal");
    }

    @Test
    void theAttachmentCodesAreAnswersOfTheHttpApiOnly() {
        assertThat(ErrorCode.FILE_TOO_LARGE.inErrorFrames()).isFalse();
        assertThat(ErrorCode.FILE_NOT_FOUND.inErrorFrames()).isFalse();
    }

    @Test
    void aCodeThisVersionDoesNotKnowIsNone() {
        assertThat(ErrorCode.ofWireName("edit_window_closed")).isEmpty();
        assertThat(ErrorCode.ofWireName(null)).isEmpty();
    }
}
