package dev.parley.gateway.ws.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.gateway.ws.protocol.FrameWriter;
import dev.parley.gateway.ws.support.FakeSocket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

class ClientSessionTests {

    @Test
    void clientThatDoesNotKeepUpIsClosedWith4009() throws Exception {
        FakeSocket socket = new FakeSocket();
        ClientSession session = new ClientSession(new ConcurrentWebSocketSessionDecorator(socket, 60_000, 1024),
                new FrameWriter());

        // The first push blocks in the socket (a client that stopped reading) ...
        Thread.startVirtualThread(() -> session.send(new TextMessage("first")));
        assertThat(socket.writing.await(5, TimeUnit.SECONDS)).isTrue();
        // ... so later pushes queue up until the buffer limit is crossed.
        for (int i = 0; i < 10; i++) {
            session.send(new TextMessage("x".repeat(200)));
        }

        assertThat(socket.closed.get(5, TimeUnit.SECONDS).getCode()).isEqualTo(4009);
        socket.unblock.countDown();
    }

    @Test
    void pushesWithinTheBufferAreAllDelivered() {
        FakeSocket socket = new FakeSocket();
        socket.unblock.countDown();
        ClientSession session = new ClientSession(new ConcurrentWebSocketSessionDecorator(socket, 60_000, 1024),
                new FrameWriter());
        for (int i = 0; i < 10; i++) {
            session.send(new TextMessage("x".repeat(200)));
        }
        assertThat(socket.sent).hasSize(10);
        assertThat(socket.closed).isNotDone();
    }
}
