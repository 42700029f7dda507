package dev.parley.gateway.ws.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.parley.events.EventHeaders;
import dev.parley.events.Topic;
import dev.parley.events.message.MessageCommand;
import dev.parley.events.message.MessagePosted;
import dev.parley.events.message.Origin;
import dev.parley.events.message.SendMessage;
import dev.parley.gateway.ws.GatewayProperties;
import dev.parley.gateway.ws.support.GatewayIntegrationTest;
import dev.parley.gateway.ws.support.MessagePipelineStandIn;
import dev.parley.gateway.ws.support.WsTestClient;
import dev.parley.testing.CapturedSpans;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * One trace follows a message through the gateway: the {@code send} frame starts it, the SendMessage record
 * carries it ({@code traceparent}), and the MessagePosted that comes back with it — as message-service
 * publishes it, in the same trace — is fanned out in one span of that trace, however many sessions get it.
 */
class TracingTests extends GatewayIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    GatewayProperties gateway;

    private final CapturedSpans spans = CapturedSpans.shared();
    private final MessagePipelineStandIn commands = new MessagePipelineStandIn(Topic.MESSAGE_COMMANDS);
    private final MessagePipelineStandIn events = new MessagePipelineStandIn(Topic.MESSAGE_EVENTS);
    private final Logger fanoutLog = (Logger) LoggerFactory.getLogger(MessageFanout.class);
    private final ListAppender<ILoggingEvent> fanoutLines = new ListAppender<>();

    @AfterEach
    void close() {
        commands.close();
        events.close();
        fanoutLog.detachAppender(fanoutLines);
        fanoutLog.setLevel(null);
    }

    @Test
    void theSendFrameStartsTheTraceThatTheCommandCarriesAndThePostedMessageContinues() {
        UUID alice = UUID.randomUUID();
        UUID room = publicRoom(0, alice);
        WsTestClient client = track(WsTestClient.connect(wsUri(), tokens.accessToken(alice, "alice")))
                .ignoring("presence");
        String session = client.next("ready").path("sessionId").asString();
        client.send(subscribe(room)).next("subscribed");

        client.send("{\"type\":\"send\",\"roomId\":\"" + room + "\",\"clientMsgId\":\"t-1\",\"body\":\"traced\"}");
        var received = commands.await(MessageCommand.class, command -> command.roomId().equals(room));
        String[] traceparent = received.headers().get(EventHeaders.TRACEPARENT).split("-");
        String traceId = traceparent[1];
        assertThat(traceparent[3]).as("sampled").isEqualTo("01");

        List<SpanData> sent = spans.await(traceId, trace -> trace.size() >= 2, WAIT);
        SpanData frame = only(sent, SpanKind.INTERNAL);
        SpanData produced = only(sent, SpanKind.PRODUCER);
        assertThat(frame.getName()).isEqualTo("ws send");
        assertThat(frame.getParentSpanContext().isValid()).as("the frame's span is the trace's root").isFalse();
        assertThat(produced.getParentSpanId()).isEqualTo(frame.getSpanId());
        assertThat(produced.getSpanId()).as("the record's traceparent names the producer span").isEqualTo(traceparent[2]);

        // message-service answers in the same trace: its span for the command is the parent of MessagePosted's
        String persistSpan = spanId();
        SendMessage command = (SendMessage) received.event();
        enableFanoutLog();
        events.publish(Topic.MESSAGE_EVENTS, new MessagePosted(room, 1, UUID.randomUUID(), alice, "t-1", "traced",
                Instant.now(), command.commandId(), new Origin(gateway.gatewayId(), session)),
                Map.of(EventHeaders.TRACEPARENT, "00-" + traceId + "-" + persistSpan + "-01"));
        client.next("message");
        client.next("ack");

        SpanData fannedOut = only(spans.await(traceId, trace -> trace.size() >= 3, WAIT), SpanKind.CONSUMER);
        assertThat(fannedOut.getParentSpanId()).isEqualTo(persistSpan);
        assertThat(traceIdsLoggedFor(command.roomId())).containsExactly(traceId);
    }

    @Test
    void aMessageIsFannedOutInOneSpanWhateverTheNumberOfItsRecipients() throws Exception {
        UUID room = publicRoom(0);
        List<WsTestClient> readers = List.of(connectReady(), connectReady(), connectReady());
        for (WsTestClient reader : readers) {
            reader.send(subscribe(room)).next("subscribed");
        }
        String traceId = HexFormat.of().formatHex(randomBytes(16));
        String producerSpan = spanId();
        enableFanoutLog();

        UUID messageId = UUID.randomUUID();
        events.publish(Topic.MESSAGE_EVENTS, new MessagePosted(room, 1, messageId, UUID.randomUUID(), "c-1",
                "to all", Instant.now(), UUID.randomUUID(), new Origin("gw-elsewhere", "s")),
                Map.of(EventHeaders.TRACEPARENT, "00-" + traceId + "-" + producerSpan + "-01"));
        for (WsTestClient reader : readers) {
            assertThat(reader.next("message").path("body").asString()).isEqualTo("to all");
        }

        // The next message of the room, in a trace of its own, is fanned out after this one, on the same listener and
        // sockets: once its span has ended and every reader has it, whatever the first one's delivery did has ended too.
        String nextTraceId = HexFormat.of().formatHex(randomBytes(16));
        events.publish(Topic.MESSAGE_EVENTS, new MessagePosted(room, 2, UUID.randomUUID(), UUID.randomUUID(), "c-2",
                "after it", Instant.now(), UUID.randomUUID(), new Origin("gw-elsewhere", "s")),
                Map.of(EventHeaders.TRACEPARENT, "00-" + nextTraceId + "-" + spanId() + "-01"));
        for (WsTestClient reader : readers) {
            assertThat(reader.next("message").path("seq").asLong()).isEqualTo(2);
        }
        spans.await(nextTraceId, next -> !next.isEmpty(), WAIT);
        List<SpanData> trace = spans.ofTrace(traceId);
        assertThat(trace).hasSize(1);
        assertThat(trace.getFirst().getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(trace.getFirst().getParentSpanId()).isEqualTo(producerSpan);
        assertThat(traceIdsLoggedFor(messageId)).containsExactly(traceId);
    }

    private void enableFanoutLog() {
        fanoutLines.start();
        fanoutLog.addAppender(fanoutLines);
        fanoutLog.setLevel(Level.DEBUG);
    }

    /** The trace ids (logging's MDC {@code traceId}) of the fan-out's log lines about a room's or a message's id. */
    private List<String> traceIdsLoggedFor(UUID about) {
        awaitTrue("the fan-out's log line", WAIT, () -> List.copyOf(fanoutLines.list).stream()
                .anyMatch(line -> line.getFormattedMessage().contains(about.toString())));
        return List.copyOf(fanoutLines.list).stream()
                .filter(line -> line.getFormattedMessage().contains(about.toString()))
                .map(line -> line.getMDCPropertyMap().get("traceId")).toList();
    }

    private static SpanData only(List<SpanData> trace, SpanKind kind) {
        List<SpanData> ofKind = trace.stream().filter(span -> span.getKind() == kind).toList();
        assertThat(ofKind).as(kind + " spans of " + trace).hasSize(1);
        return ofKind.getFirst();
    }

    private static String spanId() {
        return HexFormat.of().formatHex(randomBytes(8));
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
