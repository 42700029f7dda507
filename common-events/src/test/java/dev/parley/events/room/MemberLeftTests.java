package dev.parley.events.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MemberLeftTests {

    @Test
    void theReasonsAreTheContracts() {
        assertThat(LeaveReason.values()).extracting(LeaveReason::wireName).containsExactly("left", "kicked", "banned");
    }

    @Test
    void kickedAndBannedMembersWereRemovedByOthersOnesWhoLeftOrForAReasonNotKnownYetWereNot() {
        assertThat(leftFor("kicked").removedByOthers()).isTrue();
        assertThat(leftFor("banned").removedByOthers()).isTrue();
        assertThat(leftFor("left").removedByOthers()).isFalse();
        assertThat(leftFor("expired").removedByOthers()).isFalse();
    }

    private static MemberLeft leftFor(String reason) {
        return new MemberLeft(UUID.randomUUID(), UUID.randomUUID(), reason, Instant.now());
    }
}
