package dev.parley.platform.kafka;

import dev.parley.events.EventHeaders;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * A message's trace across Kafka records, at the cost of a span per hop and nothing more: a record carries
 * the W3C {@code traceparent} of the span it was produced in, and its consumer continues it in a span of its
 * own, in scope while the record is handled (so what is logged there carries the trace id). A producer span
 * is made only for a sampled trace; an unsampled one is carried on as it is, with its sampled flag off,
 * and its spans record nothing.
 *
 * <p>On the per-message path this replaces Micrometer observations (Spring Kafka's per record, and one per
 * frame or command), which also built a timer, a long-task timer and key values for every message — sampled
 * or not — and took ~15 % of the gateway's and message-service's CPU under load (docs/performance.md).
 */
public final class RecordTraces {

    /** Traces nothing and carries nothing on (tests that drive a pipeline directly). */
    public static final RecordTraces NONE = new RecordTraces(Tracer.NOOP, Propagator.NOOP);

    private static final Propagator.Setter<Headers> SETTER = (headers, name, value) -> {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    };
    private static final Propagator.Getter<Headers> GETTER = (headers, name) -> {
        Header header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    };

    private final Tracer tracer;
    private final Propagator propagator;

    public RecordTraces(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** Starts a new trace (sampled or not, as the sampler decides): the span a message's journey begins in. */
    public Span start(String name) {
        return tracer.spanBuilder().setNoParent().name(name).start();
    }

    /**
     * Continues the trace the record carries in a consumer span, its child (a new trace when it carries
     * none).
     */
    public Span follow(Headers headers, String name) {
        return propagator.extract(headers, GETTER).kind(Span.Kind.CONSUMER).name(name).remoteServiceName("kafka")
                .start();
    }

    /**
     * Handles a consumed record in a consumer span named "{@code <topic> receive}" that continues the trace the
     * record carries ({@link #follow}), ended once the handling returned or failed.
     */
    public void receive(ConsumerRecord<?, ?> record, Runnable handling) {
        runAndEnd(follow(record.headers(), record.topic() + " receive"), handling);
    }

    /** Runs the work with the span current (and its ids in the log context); the span goes on. */
    public <T> T within(Span span, Supplier<T> work) {
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            return work.get();
        }
    }

    /** Runs the work with the span current, then ends the span, with the work's failure if it failed. */
    public void runAndEnd(Span span, Runnable work) {
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            work.run();
        } catch (RuntimeException | Error e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }

    /**
     * Sends the record carrying the current trace, so that every record has a {@code traceparent} (contract
     * §4). A sampled trace gets a producer span, the record's parent, ended when the broker answered; an
     * unsampled one is carried on without a span. Without a current span the producer span starts a trace
     * of its own (sampled or not, as the sampler decides).
     */
    public <K, V, R> CompletableFuture<R> send(ProducerRecord<K, V> record,
                                               Function<ProducerRecord<K, V>, CompletableFuture<R>> sender) {
        Span current = tracer.currentSpan();
        if (current != null && !Boolean.TRUE.equals(current.context().sampled())) {
            propagator.inject(current.context(), record.headers(), SETTER);
            return sender.apply(record);
        }
        Span.Builder builder = producerSpan(tracer.spanBuilder(), record);
        return sendIn((current == null ? builder.setNoParent() : builder.setParent(current.context())).start(),
                record, sender);
    }

    /**
     * The W3C {@code traceparent} of the current span, for a trace that has to wait in a store before its
     * record is sent (an outbox row, {@link #sendFollowing}); null outside any span.
     */
    public String currentTraceparent() {
        Span current = tracer.currentSpan();
        if (current == null) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>(2);
        propagator.inject(current.context(), carrier, Map::put);
        return carrier.get(EventHeaders.TRACEPARENT);
    }

    /**
     * Sends the record in a producer span that continues the trace of a {@code traceparent} kept since the
     * event was made ({@link #currentTraceparent}), so that the record's consumers continue the trace of the
     * request that made it; a new trace when there is none. Unlike {@link #send}, an unsampled trace also
     * gets its (unrecorded) producer span: this path carries events, not every message.
     */
    public <K, V, R> CompletableFuture<R> sendFollowing(String traceparent, ProducerRecord<K, V> record,
                                                        Function<ProducerRecord<K, V>, CompletableFuture<R>> sender) {
        Map<String, String> carrier = traceparent == null ? Map.of() : Map.of(EventHeaders.TRACEPARENT, traceparent);
        return sendIn(producerSpan(propagator.extract(carrier, Map::get), record).start(), record, sender);
    }

    private static Span.Builder producerSpan(Span.Builder builder, ProducerRecord<?, ?> record) {
        return builder.kind(Span.Kind.PRODUCER).name(record.topic() + " send").remoteServiceName("kafka");
    }

    /** Sends the record carrying the producer span's context, and ends the span when the broker answered. */
    private <K, V, R> CompletableFuture<R> sendIn(Span producer, ProducerRecord<K, V> record,
                                                  Function<ProducerRecord<K, V>, CompletableFuture<R>> sender) {
        propagator.inject(producer.context(), record.headers(), SETTER);
        CompletableFuture<R> sent;
        try {
            sent = sender.apply(record);
        } catch (RuntimeException e) {
            producer.error(e).end();
            throw e;
        }
        return sent.whenComplete((result, failure) -> {
            if (failure != null) {
                producer.error(failure);
            }
            producer.end();
        });
    }
}
