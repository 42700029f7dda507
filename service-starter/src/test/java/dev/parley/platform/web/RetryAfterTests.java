package dev.parley.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RetryAfterTests {

    @Test
    void theHeaderIsWholeSecondsRoundedUpAndBothFormsAreNeverZero() {
        assertThat(RetryAfter.seconds(0)).isEqualTo(1);
        assertThat(RetryAfter.seconds(1)).isEqualTo(1);
        assertThat(RetryAfter.seconds(1000)).isEqualTo(1);
        assertThat(RetryAfter.seconds(1001)).isEqualTo(2);
        assertThat(RetryAfter.millis(0)).isEqualTo(1);
        assertThat(RetryAfter.millis(-5)).isEqualTo(1);
        assertThat(RetryAfter.millis(250)).isEqualTo(250);
    }
}
