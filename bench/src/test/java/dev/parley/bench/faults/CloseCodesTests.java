package dev.parley.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CloseCodesTests {

    @Test
    void serverRestartingAndInternalErrorAreCloseCodesAClientMustExpect() {
        assertThat(CloseCodes.judge(1012, false)).isEqualTo(CloseCodes.Verdict.EXPECTED);
        assertThat(CloseCodes.judge(1011, false)).isEqualTo(CloseCodes.Verdict.EXPECTED);
        assertThat(CloseCodes.judge(4001, false)).isEqualTo(CloseCodes.Verdict.EXPECTED);
    }

    @Test
    void aWellBehavedClientIsNeverClosedForPolicy() {
        assertThat(CloseCodes.judge(4008, false)).isEqualTo(CloseCodes.Verdict.NEVER_FOR_A_WELL_BEHAVED_CLIENT);
    }

    @Test
    void aProtocolErrorIsNoCloseCodeOfTheContract() {
        assertThat(CloseCodes.judge(1002, false)).isEqualTo(CloseCodes.Verdict.NOT_IN_CONTRACT);
        assertThat(CloseCodes.judge(1000, false)).isEqualTo(CloseCodes.Verdict.NOT_IN_CONTRACT);
        assertThat(CloseCodes.judge(1005, true)).as("a close frame without a status code").isEqualTo(
                CloseCodes.Verdict.NOT_IN_CONTRACT);
    }

    @Test
    void aConnectionEndingWithoutCloseFrameIsExpectedOnlyWhenItsOwnPeerWasKilled() {
        assertThat(CloseCodes.judge(CloseCodes.NO_CLOSE_FRAME, true)).isEqualTo(CloseCodes.Verdict.EXPECTED);
        assertThat(CloseCodes.judge(CloseCodes.NO_CLOSE_FRAME, false)).isEqualTo(CloseCodes.Verdict.NOT_IN_CONTRACT);
    }
}
