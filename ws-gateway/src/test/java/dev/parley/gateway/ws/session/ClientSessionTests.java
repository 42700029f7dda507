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
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ClientSessionTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

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

    @Test
    void aSlowConsumersQueuedAnswersGoOutBeforeThe4009CloseButItsPushesDoNot() {
        FakeSocket socket = new FakeSocket();
        ClientSession session = Sessions.over(socket, 1024);
        socket.stall();
        session.send(frame("pushed before"));
        session.send(answer("ack", "acked"));
        session.send(answer("error", "refused"));
        for (int i = 0; i < 10; i++) {
            session.send(frame("x".repeat(200)));
        }
        session.send(frame("pushed after"));

        assertThat(session.isOpen()).as("closing").isFalse();
        assertThat(socket.closeCode()).as("at once: the client is not reading").hasValue(4009);
        assertThat(socket.sent()).containsExactly("acked", "refused");
    }

    @Test
    void aSlowConsumersPendingSendIsAnsweredBeforeThe4009Close() {
        FakeSocket socket = new FakeSocket();
        ClientSession session = Sessions.over(socket, 1024);
        UUID room = UUID.randomUUID();
        session.rememberSend(room, "c-1", id("s-1"));
        socket.stall();
        for (int i = 0; i < 10; i++) {
            session.send(frame("x".repeat(200)));
        }
        assertThat(session.isOpen()).as("closing").isFalse();
        assertThat(socket.closeCode()).as("waits for the answer to the pending send").isEmpty();

        session.send(frame("pushed meanwhile"));
        assertThat(session.takeSend(room, "c-1").id()).isEqualTo(id("s-1"));
        session.send(answer("ack", "acked"));

        assertThat(socket.closeCode()).hasValue(4009);
        assertThat(socket.sent()).containsExactly("acked");
    }

    @Test
    void aClientMsgIdResentWhileItsFirstSendIsPendingIsOwedTwoAnswersEachWithItsFramesId() {
        FakeSocket socket = new FakeSocket();
        ClientSession session = Sessions.over(socket, 1024 * 1024);
        UUID room = UUID.randomUUID();
        session.rememberSend(room, "c-1", id("first"));
        session.rememberSend(room, "c-1", id("second"));
        session.closeAfterAnswers(new CloseStatus(4008, "bye"));

        assertThat(session.takeSend(room, "c-1").id()).isEqualTo(id("first"));
        session.send(answer("ack", "first ack"));
        assertThat(socket.closeCode()).as("the resend is not answered yet").isEmpty();
        assertThat(session.takeSend(room, "c-1").id()).isEqualTo(id("second"));
        session.send(answer("ack", "second ack"));

        assertThat(socket.closeCode()).hasValue(4008);
        assertThat(socket.sent()).containsExactly("first ack", "second ack");
        assertThat(session.takeSend(room, "c-1")).isNull();
    }

    private static OutboundFrame frame(String text) {
        return OutboundFrame.of("message", text);
    }

    private static OutboundFrame answer(String type, String text) {
        return OutboundFrame.of(type, text);
    }

    private static JsonNode id(String id) {
        return JSON.readTree("\"" + id + "\"");
    }
}
