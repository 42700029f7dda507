package dev.parley.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RoomFeedTests {

    private final RoomFeed feed = new RoomFeed();

    @Test
    void aResumedSubscriptionExpectsEverySeqAfterItsSinceSeqInOrder() {
        feed.subscribed(0, 0, true);
        receive(1, 2, 3);

        assertThat(feed.contiguous()).isEqualTo(3);
        assertThat(feed.gaps()).isZero();
        assertThat(feed.duplicates()).isZero();
        assertThat(feed.hasHole()).isFalse();
    }

    @Test
    void aSkippedSeqIsAGapOfThatSubscriptionAndStallsTheMergedView() {
        feed.subscribed(0, 0, true);

        assertThat(feed.message(1)).isEqualTo(RoomFeed.Arrival.IN_ORDER);
        assertThat(feed.message(4)).isEqualTo(RoomFeed.Arrival.GAP);
        assertThat(feed.missingInGaps()).isEqualTo(2);
        assertThat(feed.contiguous()).isEqualTo(1);
        assertThat(feed.hasHole()).isTrue();
    }

    @Test
    void aSeqReceivedTwiceWithinOneSubscriptionIsADuplicate() {
        feed.subscribed(0, 0, true);
        receive(1, 2);

        assertThat(feed.message(2)).isEqualTo(RoomFeed.Arrival.DUPLICATE);
        assertThat(feed.duplicates()).isEqualTo(1);
    }

    @Test
    void theSameSeqOnTheNextSubscriptionIsNoDuplicate() {
        feed.subscribed(0, 0, true);
        receive(1, 2);
        feed.ended();
        feed.subscribed(1, 2, true); // resumed from an earlier seq than it had: the server resends 2

        assertThat(feed.message(2)).isEqualTo(RoomFeed.Arrival.IN_ORDER);
        assertThat(feed.duplicates()).isZero();
    }

    @Test
    void afterRecoveredFalseOnlyLiveMessagesFollowAndHttpPagesFillTheMergedView() {
        feed.subscribed(0, 5, false);
        receive(6, 7);
        assertThat(feed.contiguous()).isZero();

        for (long seq = 1; seq <= 5; seq++) {
            feed.paged(seq);
        }

        assertThat(feed.gaps()).isZero();
        assertThat(feed.contiguous()).isEqualTo(7);
        assertThat(feed.hasHole()).isFalse();
    }

    @Test
    void aMessageWithoutASubscriptionStillCountsForTheMergedView() {
        assertThat(feed.message(1)).isEqualTo(RoomFeed.Arrival.NOT_SUBSCRIBED);
        assertThat(feed.contiguous()).isEqualTo(1);
    }

    private void receive(long... seqs) {
        for (long seq : seqs) {
            feed.message(seq);
        }
    }
}
