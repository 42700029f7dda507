package dev.parley.gateway.ws.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * The gateway's own meters, at {@code /actuator/prometheus}: frames in and out by {@code type},
 * pushes delivered to subscriptions by {@code type}, closes by {@code code}, the send → ack
 * latency, and the probe requests to other instances by {@code outcome}. The connection and subscription gauges are registered by the components that hold them.
 * Counters are looked up once per tag value and then reused: they are hit once per frame.
 */
@Component
public class GatewayMetrics {

    private final MeterRegistry registry;
    // Per-frame counts are plain adders read at scrape time: a registry counter's increment also samples an
    // exemplar (the current trace), which at tens of thousands of frames a second cost more than the write.
    private final Map<String, LongAdder> framesIn = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> framesOut = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> deliveries = new ConcurrentHashMap<>();
    private final Map<Integer, Counter> closes = new ConcurrentHashMap<>();
    private final Timer ackLatency;

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.ackLatency = Timer.builder("parley.ws.ack.latency")
                .description("Time from a send frame to its ack on the same session")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
    }

    public void frameIn(String type) {
        count(framesIn, type, "parley.ws.frames.in", "Frames received, by type").increment();
    }

    public void frameOut(String type) {
        count(framesOut, type, "parley.ws.frames.out", "Frames written to clients, by type").increment();
    }

    /** A push handed to one subscription (once per recipient). */
    public void delivered(String type) {
        count(deliveries, type, "parley.ws.deliveries", "Pushes delivered to subscriptions, by type").increment();
    }

    public void closed(int code) {
        closes.computeIfAbsent(code, c -> Counter.builder("parley.ws.closes")
                .description("Closed connections, by close code").tag("code", Integer.toString(c))
                .register(registry)).increment();
    }

    /**
     * A request to the other instances to probe a user's connections (ADR 0026) ended: every instance asked
     * answered, or the deadline passed first — an instance that crashed, or pub/sub that lost the request.
     */
    public void probedElsewhere(boolean everyOneAnswered) {
        Counter.builder("parley.ws.probes.elsewhere")
                .description("Requests to other instances to probe a user's connections, by whether all answered")
                .tag("outcome", everyOneAnswered ? "answered" : "unanswered").register(registry).increment();
    }

    /** A resume refused {@code rate_limited}: its user's replay allowance on this instance could not cover its backlog. */
    public void replayRefused() {
        Counter.builder("parley.ws.replays.refused")
                .description("Resumes refused rate_limited: the backlog beyond the user's replay allowance here")
                .register(registry).increment();
    }

    public void acked(Duration sinceSend) {
        ackLatency.record(sinceSend);
    }

    /** Registers a gauge; the supplier is read at scrape time. */
    public void gauge(String name, String description, Supplier<Number> value) {
        io.micrometer.core.instrument.Gauge.builder(name, value).description(description).register(registry);
    }

    private LongAdder count(Map<String, LongAdder> counters, String type, String name, String description) {
        LongAdder count = counters.get(type);
        return count != null ? count : counters.computeIfAbsent(type, t -> {
            LongAdder adder = new LongAdder();
            FunctionCounter.builder(name, adder, LongAdder::doubleValue).description(description).tag("type", t)
                    .register(registry);
            return adder;
        });
    }
}
