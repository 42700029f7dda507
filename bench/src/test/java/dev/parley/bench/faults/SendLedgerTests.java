package dev.parley.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SendLedgerTests {

    private final SendLedger ledger = new SendLedger();

    @Test
    void aNewConnectionResendsEveryUnackedSendOldestFirst() {
        ledger.create("a", 1);
        ledger.create("b", 2);
        ledger.create("c", 3);
        transmitAll(1);
        ledger.acked("b", 7, "id-b", 10);

        assertThat(transmitAll(2)).containsExactly("a", "c");
    }

    @Test
    void aSendIsWrittenOnlyOncePerConnection() {
        ledger.create("a", 1);
        transmitAll(1);

        assertThat(ledger.nextToTransmit(1, 5)).isNull();
    }

    @Test
    void aRefusedSendWaitsUntilItsRetryTimeAndNothingNewerOvertakesIt() {
        ledger.create("a", 1);
        ledger.create("b", 2);
        ledger.transmitted(ledger.nextToTransmit(1, 0), 1, 0);
        ledger.refused("a", 100);

        assertThat(ledger.nextToTransmit(1, 99)).isNull();
        assertThat(transmitAll(1)).containsExactly("a", "b");
    }

    @Test
    void aSecondAckWithAnotherSeqIsCountedAsConflicting() {
        ledger.create("a", 1);

        assertThat(ledger.acked("a", 4, "m4", 2)).isEqualTo(SendLedger.AckOutcome.FIRST);
        assertThat(ledger.acked("a", 4, "m4", 3)).isEqualTo(SendLedger.AckOutcome.REPEATED);
        assertThat(ledger.acked("a", 5, "m5", 4)).isEqualTo(SendLedger.AckOutcome.CONFLICTING);
        assertThat(ledger.acked("zz", 6, "m6", 5)).isEqualTo(SendLedger.AckOutcome.UNKNOWN);
        assertThat(ledger.conflictingAcks()).isEqualTo(1);
        assertThat(ledger.unackedCount()).isZero();
    }

    @Test
    void anOverdueAckMakesTheSendGoOutAgainOnTheSameConnection() {
        ledger.create("a", 0);
        ledger.transmitted(ledger.nextToTransmit(1, 0), 1, 0);

        assertThat(ledger.resendOverdue(5, 10)).isZero();
        assertThat(ledger.resendOverdue(11, 10)).isEqualTo(1);
        assertThat(ledger.nextToTransmit(1, 11).transmissions).isEqualTo(1);
    }

    @Test
    void onlySendsWrittenAfterAMomentCountAsFresh() {
        ledger.create("old", 10);
        ledger.create("new", 20);

        assertThat(ledger.createdSince("old", 15)).isFalse();
        assertThat(ledger.createdSince("new", 15)).isTrue();
        assertThat(ledger.createdSince("unknown", 15)).isFalse();
    }

    private java.util.List<String> transmitAll(int connection) {
        java.util.List<String> written = new java.util.ArrayList<>();
        SendLedger.Entry next;
        while ((next = ledger.nextToTransmit(connection, 1_000)) != null) {
            ledger.transmitted(next, connection, 1_000);
            written.add(next.clientMsgId);
        }
        return written;
    }
}
