package dev.parley.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ErrorCodeTests {

    @Test
    void theWireNamesAreTheContractsCodes() {
        assertThat(ErrorCode.values()).extracting(ErrorCode::wireName).containsExactlyInAnyOrder(
                "invalid_frame", "unknown_type", "validation_failed", "unauthorized", "not_member", "room_not_found",
                "message_not_found", "message_deleted", "forbidden", "too_many_reactions", "file_too_large",
                "file_not_found", "origin_not_allowed", "rate_limited", "too_many_subscriptions", "internal");
    }

    @Test
    void aWireNameReadsBackAsItsCode() {
        assertThat(ErrorCode.ofWireName("too_many_subscriptions")).contains(ErrorCode.TOO_MANY_SUBSCRIPTIONS);
        assertThat(ErrorCode.ofWireName("message_deleted")).contains(ErrorCode.MESSAGE_DELETED);
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
