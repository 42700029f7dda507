package dev.parley.gateway.ws.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.gateway.ws.protocol.OutboundFrame;
import dev.parley.gateway.ws.protocol.ServerFrame;
import dev.parley.gateway.ws.support.FakeSocket;
import dev.parley.gateway.ws.support.Sessions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;

class ClientSessionTests {

    @Test
    void sendingToAClientThatStoppedReadingNeverBlocksTheCaller() throws Exception {
        FakeSocket socket = new FakeSocket();
        ClientSession session = Sessions.over(socket, 1024 * 1024);

        session.send(frame("first"));
        assertThat(socket.writing.await(5, TimeUnit.SECONDS)).isTrue(); // the write is now stuck
        long started = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            session.send(frame("x".repeat(200)));
        }
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(500);
        assertThat(socket.closed).isNotDone();
        socket.unblock.countDown();
        assertThat(socket.awaitSent(101)).hasSize(101);
    }

    @Test
    void clientThatLetsItsBufferOverflowIsClosedWith4009() throws Exception {
        FakeSocket socket = new FakeSocket();
        ClientSession session = Sessions.over(socket, 1024);

        session.send(frame("first"));
        assertThat(socket.writing.await(5, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 10; i++) {
            session.send(frame("x".repeat(200)));
        }

        assertThat(session.isOpen()).as("closing").isFalse();
        // the close frame cannot overtake the frame being written: it follows once the client reads again
        Thread.sleep(200);
        assertThat(socket.closed).isNotDone();
        socket.unblock.countDown();
        assertThat(socket.closed.get(5, TimeUnit.SECONDS).getCode()).isEqualTo(4009);
        assertThat(socket.sent).containsExactly("first"); // what was still queued was dropped
    }

    @Test
    void framesWithinTheBufferAreAllDeliveredInOrder() {
        FakeSocket socket = new FakeSocket();
        socket.unblock.countDown();
        ClientSession session = Sessions.over(socket, 1024);
        for (int i = 0; i < 10; i++) {
            session.send(frame("m" + i));
        }
        assertThat(socket.awaitSent(10)).containsExactly("m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9");
        assertThat(socket.closed).isNotDone();
    }

    @Test
    void closeWaitsForTheFramesQueuedBeforeIt() throws Exception {
        FakeSocket socket = new FakeSocket();
        socket.unblock.countDown();
        ClientSession session = Sessions.over(socket, 1024 * 1024);
        session.send(new ServerFrame.Pong(null));
        session.close(new CloseStatus(4008, "bye"));
        session.send(new ServerFrame.Pong(null));

        assertThat(socket.closed.get(5, TimeUnit.SECONDS).getCode()).isEqualTo(4008);
        assertThat(socket.sent).containsExactly("{\"type\":\"pong\"}");
    }

    private static OutboundFrame frame(String text) {
        return new OutboundFrame("message", new TextMessage(text));
    }
}
