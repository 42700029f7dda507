package dev.parley.events.room;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LeaveReasonTests {

    @Test
    void theReasonsAreTheContracts() {
        assertThat(LeaveReason.values()).extracting(LeaveReason::wireName).containsExactly("left", "kicked", "banned");
    }
}
