package dev.parley.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LiveProbeTests {

    private final LiveProbe probe = new LiveProbe();

    @Test
    void aClientIsLiveOnceItHasItsFreshMessageBackSubscribedAndWithNothingMissingBefore() {
        probe.start(100);
        probe.acked(12, true);

        probe.check(200, true, 11);
        assertThat(probe.liveAtNanos()).isEqualTo(-1);
        probe.check(300, true, 12);
        assertThat(probe.liveAtNanos()).isEqualTo(300);
    }

    @Test
    void anAckOfAMessageWrittenBeforeTheRestartDoesNotCount() {
        probe.start(100);
        probe.acked(12, false);

        probe.check(200, true, 50);

        assertThat(probe.liveAtNanos()).isEqualTo(-1);
    }

    @Test
    void aClientThatIsNotSubscribedIsNotLive() {
        probe.start(100);
        probe.acked(12, true);

        probe.check(200, false, 12);

        assertThat(probe.liveAtNanos()).isEqualTo(-1);
    }

    @Test
    void theFirstMomentCountsAndANewProbeStartsOver() {
        probe.start(100);
        probe.acked(3, true);
        probe.check(200, true, 3);
        probe.check(900, true, 3);
        assertThat(probe.liveAtNanos()).isEqualTo(200);

        probe.start(1000);

        assertThat(probe.liveAtNanos()).isEqualTo(-1);
    }
}
