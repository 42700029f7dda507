package dev.parley.testing;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Every span the service under test ends, kept in memory: registered as one more span processor of the
 * OpenTelemetry SDK the service runs with (next to the OTLP exporter, when one is configured).
 */
public final class CapturedSpans implements SpanProcessor {

    private static final CapturedSpans SHARED = new CapturedSpans();
    private static final int KEPT = 20_000;

    private final Queue<SpanData> ended = new ConcurrentLinkedQueue<>();

    private CapturedSpans() {
    }

    /** The one the integration tests' contexts register ({@link Registration}). */
    public static CapturedSpans shared() {
        return SHARED;
    }

    /** One of its own, for a tracer a test builds itself. */
    public static CapturedSpans create() {
        return new CapturedSpans();
    }

    /** Every span ended so far, in the order they ended. */
    public List<SpanData> all() {
        return List.copyOf(ended);
    }

    /** The spans of the trace ended so far. */
    public List<SpanData> ofTrace(String traceId) {
        return ended.stream().filter(span -> span.getTraceId().equals(traceId)).toList();
    }

    /** Waits until the trace's ended spans satisfy the condition, and returns them. */
    public List<SpanData> await(String traceId, Predicate<List<SpanData>> complete, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<SpanData> spans = ofTrace(traceId);
        while (!complete.test(spans)) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("trace " + traceId + " incomplete within " + timeout + ": " + spans);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            spans = ofTrace(traceId);
        }
        return spans;
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
    }

    @Override
    public boolean isStartRequired() {
        return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
        ended.add(span.toSpanData());
        while (ended.size() > KEPT) {
            ended.poll();
        }
    }

    @Override
    public boolean isEndRequired() {
        return true;
    }

    /** Imported by the integration tests' context. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Registration {

        @Bean
        SpanProcessor capturedSpans() {
            return SHARED;
        }
    }
}
