package dev.parley.message.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.parley.events.message.MessagePosted;
import dev.parley.events.message.SendMessage;
import dev.parley.message.IntegrationTestSupport;
import dev.parley.message.TestKafka.Traced;
import dev.parley.message.events.EventPublisher;
import dev.parley.testing.CapturedSpans;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A command continues the trace its record carries (the gateway's {@code send} frame started it): message-service
 * stores the message in that trace's span, and the MessagePosted it publishes carries the same trace on to the
 * gateways — for every command of a batch its own trace.
 */
class TracingTests extends IntegrationTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    JdbcClient jdbc;

    private final CapturedSpans spans = CapturedSpans.shared();
    private final Logger publisherLog = (Logger) LoggerFactory.getLogger(EventPublisher.class);
    private final ListAppender<ILoggingEvent> publisherLines = new ListAppender<>();
    private final UUID roomId = UUID.randomUUID();
    private final UUID owner = UUID.randomUUID();

    @BeforeEach
    void logPublishing() {
        publisherLines.start();
        publisherLog.addAppender(publisherLines);
        publisherLog.setLevel(Level.DEBUG);
    }

    @AfterEach
    void stopLogging() {
        publisherLog.detachAppender(publisherLines);
        publisherLog.setLevel(null);
    }

    @Test
    void aSendIsStoredAndAnsweredInTheTraceItsRecordCarries() {
        kafka.createRoom(roomId, "private", owner);
        String traceId = hex(16);
        String gatewaySpan = hex(8);

        SendMessage command = kafka.send(roomId, owner, "c-1", "traced", "00-" + traceId + "-" + gatewaySpan + "-01");
        Traced posted = kafka.awaitTraced(roomId, 1, event -> event instanceof MessagePosted).getFirst();

        assertThat(jdbc.sql("select count(*) from messages where room_id = ? and client_msg_id = 'c-1'")
                .param(roomId).query(Long.class).single()).as("stored").isEqualTo(1);
        String[] traceparent = posted.traceparent().split("-");
        assertThat(traceparent[1]).as("MessagePosted's trace").isEqualTo(traceId);

        List<SpanData> trace = spans.await(traceId, ended -> ended.size() >= 2, WAIT);
        SpanData handled = only(trace, SpanKind.CONSUMER);
        SpanData produced = only(trace, SpanKind.PRODUCER);
        assertThat(handled.getName()).isEqualTo("handle SendMessage");
        assertThat(handled.getParentSpanId()).as("continues the gateway's span").isEqualTo(gatewaySpan);
        assertThat(produced.getParentSpanId()).isEqualTo(handled.getSpanId());
        assertThat(produced.getSpanId()).as("the event's traceparent names its producer span")
                .isEqualTo(traceparent[2]);
        assertThat(handled.getEndEpochNanos()).as("the command's span lasts until its event is out")
                .isGreaterThanOrEqualTo(produced.getEndEpochNanos());
        assertThat(traceIdsLogged(posted.event().roomId())).containsExactly(traceId);
        assertThat(((MessagePosted) posted.event()).commandId()).isEqualTo(command.commandId());
    }

    /** Production samples a fraction of the traces (0.1): the others still carry their trace id on and log it. */
    @Test
    void anUnsampledTraceIsCarriedOnAndLoggedButNotRecorded() throws InterruptedException {
        kafka.createRoom(roomId, "private", owner);
        String traceId = hex(16);

        kafka.send(roomId, owner, "c-1", "not sampled", "00-" + traceId + "-" + hex(8) + "-00");
        Traced posted = kafka.awaitTraced(roomId, 1, event -> event instanceof MessagePosted).getFirst();

        assertThat(posted.traceparent()).startsWith("00-" + traceId + "-").endsWith("-00");
        assertThat(traceIdsLogged(roomId)).containsExactly(traceId);
        Thread.sleep(200);
        assertThat(spans.ofTrace(traceId)).isEmpty();
    }

    @Test
    void everyCommandOfABatchKeepsItsOwnTrace() {
        kafka.createRoom(roomId, "private", owner);
        List<String> traceIds = List.of(hex(16), hex(16), hex(16));
        Map<UUID, String> traceOfCommand = traceIds.stream().collect(Collectors.toMap(
                traceId -> kafka.send(roomId, owner, "c-" + traceId, "hi", "00-" + traceId + "-" + hex(8) + "-01")
                        .commandId(), Function.identity()));

        List<Traced> posted = kafka.awaitTraced(roomId, 3, event -> event instanceof MessagePosted);

        assertThat(posted).allSatisfy(received -> assertThat(received.traceparent().split("-")[1])
                .isEqualTo(traceOfCommand.get(((MessagePosted) received.event()).commandId())));
        for (String traceId : traceIds) {
            List<SpanData> trace = spans.await(traceId, ended -> ended.size() >= 2, WAIT);
            assertThat(trace).extracting(SpanData::getKind).containsExactlyInAnyOrder(SpanKind.CONSUMER,
                    SpanKind.PRODUCER);
        }
    }

    private List<String> traceIdsLogged(UUID room) {
        return List.copyOf(publisherLines.list).stream()
                .filter(line -> line.getFormattedMessage().contains(room.toString()))
                .map(line -> line.getMDCPropertyMap().get("traceId")).toList();
    }

    private static SpanData only(List<SpanData> trace, SpanKind kind) {
        List<SpanData> ofKind = trace.stream().filter(span -> span.getKind() == kind).toList();
        assertThat(ofKind).as(kind + " spans of " + trace).hasSize(1);
        return ofKind.getFirst();
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
