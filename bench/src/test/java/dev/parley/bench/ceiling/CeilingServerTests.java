package dev.parley.bench.ceiling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.bench.ws.Frame;
import dev.parley.bench.ws.FrameListener;
import dev.parley.bench.ws.SourceAddresses;
import dev.parley.bench.ws.WsClient;
import dev.parley.bench.ws.WsConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The ceiling server as the bench's chat clients see it, over real sockets (and, as a subclass, its floor mode). */
class CeilingServerTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private CeilingServer server;
    private WsClient client;
    private URI uri;

    @BeforeEach
    void start() throws Exception {
        server = startServer();
        client = new WsClient(2, SourceAddresses.parse("127.0.0.1"));
        uri = URI.create("ws://127.0.0.1:" + server.port() + "/ws");
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    /** The server under test: the ceiling itself here, its floor mode in {@link FloorServerTests}. */
    CeilingServer startServer() throws Exception {
        return CeilingServer.start(0, 2);
    }

    @Test
    void acksEachSendWithTheRoomsNextSeqAndPushesItInOrderToEverySubscriber() throws Exception {
        Received alice = connect("alice", 0);
        Received bob = connect("bob", 1);
        assertThat(alice.ready.userId()).isEqualTo("alice");
        alice.subscribe("room-1");
        bob.subscribe("room-1");

        alice.connection.send(send("c1", "room-1", "hello"));
        alice.connection.send(send("c2", "room-1", "again"));

        List<Frame> toAlice = alice.next(4); // two acks and two messages
        List<Frame> acks = toAlice.stream().filter(frame -> frame.is("ack")).toList();
        assertThat(acks).extracting(Frame::seq).containsExactly(1L, 2L);
        assertThat(acks).extracting(Frame::clientMsgId).containsExactly("c1", "c2");
        assertThat(acks).extracting(Frame::roomId).containsOnly("room-1");
        for (List<Frame> received : List.of(toAlice, bob.next(2))) {
            List<Frame> messages = received.stream().filter(frame -> frame.is("message")).toList();
            assertThat(messages).extracting(Frame::seq).containsExactly(1L, 2L);
            assertThat(messages).extracting(Frame::clientMsgId).containsExactly("c1", "c2");
            assertThat(messages).extracting(Frame::id).containsExactly(acks.get(0).messageId(), acks.get(1).messageId());
        }
    }

    @Test
    void aBrowserAuthenticatesWithAnAuthFrameAndGetsTheBodyAndSenderOfEachMessage() throws Exception {
        BlockingQueue<JsonNode> browser = new LinkedBlockingQueue<>();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(uri, new Collecting(browser)).get(5, TimeUnit.SECONDS);
        socket.sendText("{\"type\":\"auth\",\"id\":\"a1\",\"token\":\"" + token("carol") + "\"}", true);
        JsonNode ready = browser.poll(5, TimeUnit.SECONDS);
        assertThat(ready).isNotNull();
        assertThat(ready.get("type").asString()).isEqualTo("ready");
        assertThat(ready.get("userId").asString()).isEqualTo("carol");
        socket.sendText("{\"type\":\"subscribe\",\"id\":\"s1\",\"roomId\":\"room-2\"}", true);
        JsonNode subscribed = browser.poll(5, TimeUnit.SECONDS);
        assertThat(subscribed.get("type").asString()).isEqualTo("subscribed");
        assertThat(subscribed.get("headSeq").asLong()).isZero();

        Received alice = connect("alice", 0);
        alice.connection.send(send("c1", "room-2", "héllo \\\"quoted\\\""));

        JsonNode message = browser.poll(5, TimeUnit.SECONDS);
        assertThat(message).isNotNull();
        assertThat(message.get("type").asString()).isEqualTo("message");
        assertThat(message.get("seq").asLong()).isEqualTo(1);
        assertThat(message.get("body").asString()).isEqualTo("héllo \"quoted\"");
        assertThat(message.get("senderId").asString()).isEqualTo("alice");
        socket.abort();
    }

    Received connect(String user, int index) throws Exception {
        Received received = new Received();
        received.connection = client.connect(uri, token(user), index, received);
        received.ready = received.connection.ready().get(5, TimeUnit.SECONDS);
        return received;
    }

    static String send(String clientMsgId, String roomId, String body) {
        return "{\"type\":\"send\",\"id\":\"" + clientMsgId + "\",\"roomId\":\"" + roomId + "\",\"clientMsgId\":\""
                + clientMsgId + "\",\"body\":\"" + body + "\"}";
    }

    /** A JWT whose subject is {@code user}; the ceiling reads it without checking the (absent) signature. */
    private static String token(String user) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(("{\"sub\":\"" + user + "\"}").getBytes(StandardCharsets.UTF_8)) + ".x";
    }

    /** What one bench connection received, in order. */
    static final class Received implements FrameListener {

        private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
        WsConnection connection;
        private Frame ready;

        @Override
        public void onFrame(WsConnection from, Frame frame, long receivedNanos) {
            frames.add(frame);
        }

        void subscribe(String roomId) throws InterruptedException {
            connection.send("{\"type\":\"subscribe\",\"id\":\"s\",\"roomId\":\"" + roomId + "\"}");
            Frame answer = frames.poll(5, TimeUnit.SECONDS);
            assertThat(answer).isNotNull();
            assertThat(answer.type()).isEqualTo("subscribed");
            assertThat(answer.roomId()).isEqualTo(roomId);
            assertThat(answer.headSeq()).isZero();
        }

        /** The next {@code count} frames, in the order they arrived. */
        List<Frame> next(int count) throws InterruptedException {
            List<Frame> next = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (next.size() < count) {
                Frame frame = frames.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                assertThat(frame).as("frame %d of %d", next.size() + 1, count).isNotNull();
                next.add(frame);
            }
            return next;
        }
    }

    /** The JDK's WebSocket client as a browser would use it: every text message, parsed. */
    private record Collecting(BlockingQueue<JsonNode> into) implements WebSocket.Listener {

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence text, boolean last) {
            into.add(JSON.readTree(text.toString()));
            socket.request(1);
            return null;
        }
    }
}
