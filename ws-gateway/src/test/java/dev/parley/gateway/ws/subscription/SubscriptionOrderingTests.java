package dev.parley.gateway.ws.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.gateway.ws.metrics.GatewayMetrics;
import dev.parley.gateway.ws.protocol.OutboundFrame;
import dev.parley.gateway.ws.session.ClientSession;
import dev.parley.gateway.ws.support.FakeSocket;
import dev.parley.gateway.ws.support.Sessions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SubscriptionOrderingTests {

    private final FakeSocket socket = new FakeSocket();
    private final ClientSession session = Sessions.over(socket, 1024 * 1024);
    private final GatewayMetrics metrics = new GatewayMetrics(new SimpleMeterRegistry());

    @Test
    void liveMessagesArrivingDuringTheReplayFollowItInSeqOrderWithoutDuplicates() {
        Subscription subscription = subscription(2, 100);
        subscription.deliverMessage(7, push(7));
        subscription.deliverMessage(5, push(5));
        subscription.deliverMessage(6, push(6));
        subscription.deliverRecovered(3, push(3));
        subscription.deliverRecovered(4, push(4));
        subscription.deliverRecovered(5, push(5));
        assertThat(socket.sent()).containsExactly("3", "4", "5");

        subscription.goLive(2);
        subscription.deliverMessage(7, push(7));
        subscription.deliverMessage(8, push(8));
        assertThat(socket.sent()).containsExactly("3", "4", "5", "6", "7", "8");
    }

    @Test
    void liveSubscriptionStartsAfterTheHeadSeq() {
        Subscription subscription = subscription(0, 100);
        subscription.deliverMessage(10, push(10));
        subscription.deliverMessage(11, push(11));
        subscription.goLive(10);
        assertThat(socket.sent()).containsExactly("11");
    }

    @Test
    void otherPushesHeldWhileOpeningFollowTheMessagesAndTypingIsDropped() {
        Subscription subscription = subscription(0, 100);
        subscription.deliver(other("member_joined"));
        subscription.deliverIfLive(other("typing"));
        subscription.deliverMessage(1, push(1));
        subscription.goLive(0);
        subscription.deliverIfLive(other("typing again"));
        assertThat(socket.sent()).containsExactly("1", "member_joined", "typing again");
    }

    @Test
    void anEndedSubscriptionDeliversItsFarewellAndNothingMore() {
        Subscription subscription = subscription(0, 100);
        subscription.goLive(0);
        subscription.deliverMessage(1, push(1));
        assertThat(subscription.end(other("member_left"))).isTrue();
        subscription.deliverMessage(2, push(2));
        subscription.deliver(other("presence"));
        assertThat(subscription.end(other("again"))).isFalse();
        assertThat(socket.sent()).containsExactly("1", "member_left");
    }

    @Test
    void tooManyHeldBackPushesCloseTheSessionAsASlowConsumer() throws Exception {
        Subscription subscription = subscription(0, 3);
        for (long seq = 1; seq <= 5; seq++) {
            subscription.deliverMessage(seq, push(seq));
        }
        assertThat(socket.closeCode()).hasValue(4009);
        subscription.goLive(0);
        assertThat(socket.sent()).isEmpty();
    }

    private Subscription subscription(long sinceSeq, int maxHeldBack) {
        return new Subscription(session, UUID.randomUUID(), sinceSeq, maxHeldBack, metrics);
    }

    private static OutboundFrame push(long seq) {
        return OutboundFrame.of("message", Long.toString(seq));
    }

    private static OutboundFrame other(String text) {
        return OutboundFrame.of("other", text);
    }
}
