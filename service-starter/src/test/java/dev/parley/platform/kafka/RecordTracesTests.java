package dev.parley.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.testing.CapturedSpans;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/**
 * A record carries the trace of the span it is sent in, and its consumer continues it; only a sampled trace
 * costs spans beyond the hop's own (a producer span), and an unsampled one is carried on unrecorded.
 */
class RecordTracesTests {

    private final CapturedSpans exported = CapturedSpans.create();

    @Test
    void aSampledTraceIsCarriedThroughAProducerSpanEndedWhenTheBrokerAnswers() {
        RecordTraces traces = traces(Sampler.alwaysOn());
        CompletableFuture<String> broker = new CompletableFuture<>();
        ProducerRecord<String, String> record = new ProducerRecord<>("commands", "key", "value");

        Span root = traces.start("ws send");
        CompletableFuture<String> sent = traces.within(root, () -> traces.send(record, r -> broker));
        root.end();
        assertThat(exported.all()).extracting(SpanData::getName).containsExactly("ws send");

        broker.complete("acked");
        assertThat(sent).isCompletedWithValue("acked");
        SpanData producer = one(SpanKind.PRODUCER);
        assertThat(producer.getName()).isEqualTo("commands send");
        assertThat(producer.getParentSpanId()).isEqualTo(root.context().spanId());
        assertThat(traceparent(record)).isEqualTo("00-" + root.context().traceId() + "-" + producer.getSpanId() + "-01");

        traces.runAndEnd(traces.follow(record.headers(), "commands receive"), () -> { });
        SpanData consumer = one(SpanKind.CONSUMER);
        assertThat(consumer.getTraceId()).isEqualTo(root.context().traceId());
        assertThat(consumer.getParentSpanId()).isEqualTo(producer.getSpanId());
    }

    @Test
    void anUnsampledTraceIsCarriedOnWithoutRecordingASpan() {
        RecordTraces traces = traces(Sampler.alwaysOff());
        ProducerRecord<String, String> record = new ProducerRecord<>("commands", "key", "value");

        Span root = traces.start("ws send");
        traces.runAndEnd(root, () -> traces.send(record, r -> CompletableFuture.completedFuture("acked")));
        traces.runAndEnd(traces.follow(record.headers(), "commands receive"), () -> { });

        assertThat(traceparent(record)).isEqualTo("00-" + root.context().traceId() + "-" + root.context().spanId() + "-00");
        assertThat(exported.all()).isEmpty();
    }

    @Test
    void aRecordSentOutsideAnySpanStartsATraceOfItsOwn() {
        RecordTraces traces = traces(Sampler.alwaysOn());
        ProducerRecord<String, String> record = new ProducerRecord<>("signals", "key", "value");

        traces.send(record, r -> CompletableFuture.completedFuture("acked"));

        SpanData producer = one(SpanKind.PRODUCER);
        assertThat(producer.getParentSpanContext().isValid()).as("the trace's root").isFalse();
        assertThat(traceparent(record)).isEqualTo("00-" + producer.getTraceId() + "-" + producer.getSpanId() + "-01");
    }

    @Test
    void anUnsampledRecordSentOutsideAnySpanStillCarriesATraceparent() {
        RecordTraces traces = traces(Sampler.alwaysOff());
        ProducerRecord<String, String> record = new ProducerRecord<>("signals", "key", "value");

        traces.send(record, r -> CompletableFuture.completedFuture("acked"));

        assertThat(traceparent(record)).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-00");
        assertThat(exported.all()).isEmpty();
    }

    @Test
    void aFailedSendOrHandlingEndsItsSpanAsAnError() {
        RecordTraces traces = traces(Sampler.alwaysOn());
        ProducerRecord<String, String> record = new ProducerRecord<>("commands", "key", "value");
        Span root = traces.start("ws send");

        CompletableFuture<String> sent = traces.within(root,
                () -> traces.send(record, r -> CompletableFuture.failedFuture(new IllegalStateException("no broker"))));
        assertThat(sent).isCompletedExceptionally();
        assertThat(one(SpanKind.PRODUCER).getStatus().getStatusCode())
                .isEqualTo(io.opentelemetry.api.trace.StatusCode.ERROR);

        RecordHeaders headers = new RecordHeaders();
        // the listener's caller sees the failure as before
        assertThatThrownBy(() -> traces.runAndEnd(traces.follow(headers, "commands receive"), () -> {
            throw new IllegalArgumentException("undecodable");
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("undecodable");
        SpanData consumer = one(SpanKind.CONSUMER);
        assertThat(consumer.getStatus().getStatusCode()).isEqualTo(io.opentelemetry.api.trace.StatusCode.ERROR);
        assertThat(consumer.getParentSpanContext().isValid()).as("a record without traceparent starts a trace").isFalse();
    }

    @Test
    void aTraceKeptSinceAnEventWasMadeIsContinuedWhenItsRecordIsSentLater() {
        RecordTraces traces = traces(Sampler.parentBased(Sampler.alwaysOff()));
        Span request = traces(Sampler.alwaysOn()).start("POST /api/rooms");
        String kept = traces.within(request, traces::currentTraceparent);
        request.end();
        assertThat(kept).isEqualTo("00-" + request.context().traceId() + "-" + request.context().spanId() + "-01");

        ProducerRecord<String, String> record = new ProducerRecord<>("room-events", "key", "value");
        traces.sendFollowing(kept, record, r -> CompletableFuture.completedFuture("acked"));

        SpanData producer = one(SpanKind.PRODUCER);
        assertThat(producer.getName()).isEqualTo("room-events send");
        assertThat(producer.getTraceId()).isEqualTo(request.context().traceId());
        assertThat(producer.getParentSpanId()).isEqualTo(request.context().spanId());
        assertThat(traceparent(record)).isEqualTo("00-" + producer.getTraceId() + "-" + producer.getSpanId() + "-01");
    }

    @Test
    void anEventKeptWithoutATraceStartsOneOfItsOwnWhenItsRecordIsSent() {
        RecordTraces traces = traces(Sampler.alwaysOn());
        assertThat(traces.currentTraceparent()).as("outside any span").isNull();
        ProducerRecord<String, String> record = new ProducerRecord<>("room-events", "key", "value");

        traces.sendFollowing(null, record, r -> CompletableFuture.completedFuture("acked"));

        SpanData producer = one(SpanKind.PRODUCER);
        assertThat(producer.getParentSpanContext().isValid()).as("the trace's root").isFalse();
        assertThat(traceparent(record)).isEqualTo("00-" + producer.getTraceId() + "-" + producer.getSpanId() + "-01");
    }

    @Test
    void aConsumedRecordIsHandledInAConsumerSpanOfTheTraceItCarries() {
        RecordTraces traces = traces(Sampler.alwaysOn());
        ProducerRecord<String, String> sent = new ProducerRecord<>("room-events", "key", "value");
        Span request = traces.start("POST /api/rooms");
        traces.runAndEnd(request, () -> traces.send(sent, r -> CompletableFuture.completedFuture("acked")));
        var record = new ConsumerRecord<>("room-events", 0, 0L, "key", "value");
        sent.headers().forEach(header -> record.headers().add(header));
        List<String> traceIdsWhileHandling = new ArrayList<>();

        traces.receive(record, () -> traceIdsWhileHandling.add(
                io.opentelemetry.api.trace.Span.current().getSpanContext().getTraceId()));

        SpanData consumer = one(SpanKind.CONSUMER);
        assertThat(consumer.getName()).isEqualTo("room-events receive");
        assertThat(consumer.getTraceId()).isEqualTo(request.context().traceId());
        assertThat(consumer.getParentSpanId()).isEqualTo(one(SpanKind.PRODUCER).getSpanId());
        assertThat(traceIdsWhileHandling).as("the handling's logs carry the trace").containsExactly(consumer.getTraceId());
    }

    private RecordTraces traces(Sampler sampler) {
        var provider = SdkTracerProvider.builder().setSampler(sampler)
                .addSpanProcessor(exported).build();
        var otelTracer = provider.get("test");
        var tracer = new OtelTracer(otelTracer, new OtelCurrentTraceContext(), event -> { });
        var propagator = new OtelPropagator(ContextPropagators.create(W3CTraceContextPropagator.getInstance()), otelTracer);
        return new RecordTraces(tracer, propagator);
    }

    private SpanData one(SpanKind kind) {
        var ofKind = exported.all().stream().filter(span -> span.getKind() == kind).toList();
        assertThat(ofKind).hasSize(1);
        return ofKind.getFirst();
    }

    private static String traceparent(ProducerRecord<?, ?> record) {
        Header header = record.headers().lastHeader("traceparent");
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
