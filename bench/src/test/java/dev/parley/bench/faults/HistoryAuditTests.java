package dev.parley.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.bench.api.ParleyApi.StoredMessage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HistoryAuditTests {

    @Test
    void aHistoryMatchingEveryAckHolds() {
        var findings = audit(List.of(stored(1, "a"), stored(2, "b")), List.of(acked("a", 1), acked("b", 2)));

        assertThat(findings.holds()).isTrue();
        assertThat(findings.headSeqs()).containsEntry("room", 2L);
    }

    @Test
    void anAckedSendMissingFromTheHistoryIsLost() {
        var findings = audit(List.of(stored(1, "a")), List.of(acked("a", 1), acked("b", 2)));

        assertThat(findings.lost()).isEqualTo(1);
        assertThat(findings.holds()).isFalse();
        assertThat(findings.evidence()).anySatisfy(line -> assertThat(line).contains("b", "lost"));
    }

    @Test
    void oneClientMsgIdStoredTwiceIsADuplicate() {
        var findings = audit(List.of(stored(1, "a"), stored(2, "a")), List.of(acked("a", 1)));

        assertThat(findings.duplicates()).isEqualTo(1);
    }

    @Test
    void aMissingSeqIsAGap() {
        var findings = audit(List.of(stored(1, "a"), stored(3, "b")), List.of(acked("a", 1), acked("b", 3)));

        assertThat(findings.gaps()).isEqualTo(1);
        assertThat(findings.holds()).isFalse();
    }

    @Test
    void anAckNamingAnotherSeqThanTheStoredOneIsAMismatch() {
        var findings = audit(List.of(stored(1, "a"), stored(2, "b")), List.of(acked("a", 2)));

        assertThat(findings.ackMismatches()).isEqualTo(1);
    }

    @Test
    void aSendNeverAckedIsReportedWithWhetherItWasStored() {
        var findings = audit(List.of(stored(1, "a")), List.of(new HistoryAudit.Sent("a", -1, null),
                new HistoryAudit.Sent("b", -1, null)));

        assertThat(findings.unacked()).isEqualTo(2);
        assertThat(findings.storedUnacked()).isEqualTo(1);
        assertThat(findings.holds()).isFalse();
    }

    private static HistoryAudit.Findings audit(List<StoredMessage> history, List<HistoryAudit.Sent> sends) {
        return HistoryAudit.audit(Map.of("room", history),
                List.of(new HistoryAudit.ClientSends("client 0", "user", "room", sends)));
    }

    private static StoredMessage stored(long seq, String clientMsgId) {
        return new StoredMessage(seq, "m" + seq, "user", clientMsgId);
    }

    private static HistoryAudit.Sent acked(String clientMsgId, long seq) {
        return new HistoryAudit.Sent(clientMsgId, seq, "m" + seq);
    }
}
