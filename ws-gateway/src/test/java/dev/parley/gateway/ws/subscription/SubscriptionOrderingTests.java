package dev.parley.gateway.ws.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.gateway.ws.protocol.FrameWriter;
import dev.parley.gateway.ws.session.ClientSession;
import dev.parley.gateway.ws.support.FakeSocket;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

class SubscriptionOrderingTests {

    private final FakeSocket socket = new FakeSocket();
    private final ClientSession session = new ClientSession(
            new ConcurrentWebSocketSessionDecorator(socket, 60_000, 1024 * 1024), new FrameWriter());

    SubscriptionOrderingTests() {
        socket.unblock.countDown();
    }

    @Test
    void liveMessagesArrivingDuringTheReplayFollowItInSeqOrderWithoutDuplicates() {
        Subscription subscription = new Subscription(session, UUID.randomUUID(), 2, 100);
        subscription.deliverLive(7, push(7));
        subscription.deliverLive(5, push(5));
        subscription.deliverLive(6, push(6));
        subscription.deliverRecovered(3, push(3));
        subscription.deliverRecovered(4, push(4));
        subscription.deliverRecovered(5, push(5));
        assertThat(socket.sent).containsExactly("3", "4", "5");

        subscription.goLive(2);
        subscription.deliverLive(7, push(7));
        subscription.deliverLive(8, push(8));
        assertThat(socket.sent).containsExactly("3", "4", "5", "6", "7", "8");
    }

    @Test
    void liveSubscriptionStartsAfterTheHeadSeq() {
        Subscription subscription = new Subscription(session, UUID.randomUUID(), 0, 100);
        subscription.deliverLive(10, push(10));
        subscription.deliverLive(11, push(11));
        subscription.goLive(10);
        assertThat(socket.sent).containsExactly("11");
    }

    @Test
    void tooManyHeldBackMessagesCloseTheSessionAsASlowConsumer() throws Exception {
        Subscription subscription = new Subscription(session, UUID.randomUUID(), 0, 3);
        for (long seq = 1; seq <= 5; seq++) {
            subscription.deliverLive(seq, push(seq));
        }
        assertThat(socket.closed.get(5, TimeUnit.SECONDS).getCode()).isEqualTo(4009);
        subscription.goLive(0);
        assertThat(socket.sent).isEmpty();
    }

    private static TextMessage push(long seq) {
        return new TextMessage(Long.toString(seq));
    }
}
