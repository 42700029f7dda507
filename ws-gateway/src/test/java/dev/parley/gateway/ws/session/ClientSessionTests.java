package dev.parley.gateway.ws.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.gateway.ws.protocol.CloseStatus;
import dev.parley.gateway.ws.protocol.OutboundFrame;
import dev.parley.gateway.ws.protocol.ServerFrame;
import dev.parley.gateway.ws.support.FakeSocket;
import dev.parley.gateway.ws.support.Sessions;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ClientSessionTests {

    @Test
    void framesWaitWhileTheClientIsNotReadingAndAllFollowInOrderOnceItReads() {
        FakeSocket socket = new FakeSocket();
        ClientSession session = Sessions.over(socket, 1024 * 1024);

        session.send(frame("first"));
        assertThat(socket.sent()).containsExactly("first");
        socket.stall();
        List<String> expected = new ArrayList<>(List.of("first"));
        for (int i = 0; i < 100; i++) {
            session.send(frame("m" + i));
            expected.add("m" + i);
        }
        assertThat(socket.sent()).containsExactly("first");
        assertThat(session.isOpen()).isTrue();

        socket.resume();
        assertThat(socket.sent()).containsExactlyElementsOf(expected);
        assertThat(socket.closeCode()).isEmpty();
    }

    @Test
    void clientThatLetsItsBufferOverflowIsClosedWith4009AndWhatWaitedIsDropped() {
        FakeSocket socket = new FakeSocket();
        ClientSession session = Sessions.over(socket, 1024);

        session.send(frame("first"));
        assertThat(socket.sent()).containsExactly("first");
        socket.stall();
        for (int i = 0; i < 10; i++) {
            session.send(frame("x".repeat(200)));
        }

        assertThat(session.isOpen()).as("closing").isFalse();
        assertThat(socket.closeCode()).hasValue(4009);
        socket.resume();
        assertThat(socket.sent()).containsExactly("first");
    }

    @Test
    void aSocketUnwritableLongerThanTheSendTimeLimitCountsAsBlocked() throws Exception {
        FakeSocket socket = new FakeSocket();
        ClientSession session = Sessions.over(socket, 1024 * 1024);
        assertThat(session.blockedWriteNanos()).isZero();

        socket.stall();
        session.send(frame("waits"));
        socket.sent();
        Thread.sleep(20);
        assertThat(session.blockedWriteNanos()).isGreaterThan(10_000_000L);

        socket.resume();
        assertThat(session.blockedWriteNanos()).isZero();
        assertThat(socket.sent()).containsExactly("waits");
    }

    @Test
    void aPushedFrameEntersThePipelineBelowTheFrameEncoderPastTheHandlersAboveIt() {
        AtomicInteger passedAbove = new AtomicInteger();
        FakeSocket socket = new FakeSocket(new WebSocket13FrameEncoder(false), new ChannelOutboundHandlerAdapter() {
            @Override
            public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise) {
                passedAbove.incrementAndGet();
                ctx.write(message, promise);
            }
        });
        ClientSession session = Sessions.over(socket, 1024 * 1024);

        session.send(frame("first"));
        session.send(frame("second"));

        assertThat(socket.sent()).containsExactly("first", "second");
        assertThat(passedAbove).as("writes through the handlers above the encoder").hasValue(0);
    }

    @Test
    void closeWaitsForTheFramesQueuedBeforeIt() {
        FakeSocket socket = new FakeSocket();
        ClientSession session = Sessions.over(socket, 1024 * 1024);
        session.send(new ServerFrame.Pong(null));
        session.close(new CloseStatus(4008, "bye"));
        session.send(new ServerFrame.Pong(null));

        assertThat(socket.closeCode()).hasValue(4008);
        assertThat(socket.sent()).containsExactly("{\"type\":\"pong\"}");
    }

    private static OutboundFrame frame(String text) {
        return OutboundFrame.of("message", text);
    }
}
