package dev.parley.bench.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The run's correctness check must find every kind of fault it claims to count. */
class DeliveryLedgerTests {

    @Test
    void everyAckedMessageReceivedOnceInOrderByEverySubscriberHolds() {
        DeliveryLedger ledger = new DeliveryLedger(1);
        SubscriptionLog alice = subscribed(ledger);
        SubscriptionLog bob = subscribed(ledger);
        for (int seq = 1; seq <= 3; seq++) {
            send(ledger, seq);
            alice.record(seq);
            bob.record(seq);
        }

        Correctness correctness = ledger.check();

        assertThat(correctness.holds()).isTrue();
        assertThat(correctness.expectedDeliveries()).isEqualTo(6);
        assertThat(correctness.delivered()).isEqualTo(6);
        assertThat(ledger.outstandingDeliveries()).isZero();
    }

    @Test
    void aMissingMessageIsLostADoubleOneDuplicatedALateOneOutOfOrder() {
        DeliveryLedger ledger = new DeliveryLedger(1);
        SubscriptionLog subscriber = subscribed(ledger);
        for (int seq = 1; seq <= 4; seq++) {
            send(ledger, seq);
        }
        subscriber.record(1);
        subscriber.record(3);
        subscriber.record(2); // after 3: out of order
        subscriber.record(3); // again: duplicated
        // 4 never arrives: lost

        Correctness correctness = ledger.check();

        assertThat(correctness.lost()).isEqualTo(1);
        assertThat(correctness.duplicates()).isEqualTo(1);
        assertThat(correctness.outOfOrder()).isEqualTo(1);
        assertThat(correctness.holds()).isFalse();
        assertThat(ledger.outstandingDeliveries()).isEqualTo(1);
    }

    @Test
    void aSendWithoutAckAndAnAckOfAnUnknownSendAreReported() {
        DeliveryLedger ledger = new DeliveryLedger(1);
        subscribed(ledger);
        ledger.sent("b0-1-1", 0, 1, 1);
        ledger.acked("b0-2-2", 1);

        Correctness correctness = ledger.check();

        assertThat(correctness.unacked()).isEqualTo(1);
        assertThat(correctness.duplicateAcks()).isEqualTo(1);
        assertThat(correctness.holds()).isFalse();
    }

    @Test
    void twoMessagesGivenOneSeqAreCaught() {
        DeliveryLedger ledger = new DeliveryLedger(1);
        subscribed(ledger).record(1);
        ledger.sent("b0-1-1", 0, 1, 1);
        ledger.sent("b0-2-2", 0, 1, 2);
        ledger.acked("b0-1-1", 1);
        ledger.acked("b0-2-2", 1);

        assertThat(ledger.check().seqsAckedTwice()).isEqualTo(1);
    }

    @Test
    void aSubscriptionCutShortIsNotCheckedButBreaksTheRun() {
        DeliveryLedger ledger = new DeliveryLedger(1);
        SubscriptionLog subscriber = subscribed(ledger);
        send(ledger, 1);
        subscriber.broken();
        ledger.closed(4009);

        Correctness correctness = ledger.check();

        assertThat(correctness.brokenSubscriptions()).isEqualTo(1);
        assertThat(correctness.lost()).isZero();
        assertThat(correctness.errors()).containsEntry("close 4009", 1L);
        assertThat(correctness.holds()).isFalse();
    }

    private static SubscriptionLog subscribed(DeliveryLedger ledger) {
        SubscriptionLog log = ledger.subscription(0);
        log.subscribed(0);
        return log;
    }

    private static void send(DeliveryLedger ledger, int seq) {
        String clientMsgId = new MessageStamp(1, seq, seq * 1000L).clientMsgId();
        ledger.sent(clientMsgId, 0, 1, seq * 1000L);
        assertThat(ledger.acked(clientMsgId, seq)).isNotNull();
    }
}
