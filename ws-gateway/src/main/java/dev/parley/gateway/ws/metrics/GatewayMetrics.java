package dev.parley.gateway.ws.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * The gateway's own meters, at {@code /actuator/prometheus}: frames in and out by {@code type},
 * pushes delivered to subscriptions by {@code type}, closes by {@code code}, and the send → ack
 * latency. The connection and subscription gauges are registered by the components that hold them.
 * Counters are looked up once per tag value and then reused: they are hit once per frame.
 */
@Component
public class GatewayMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> framesIn = new ConcurrentHashMap<>();
    private final Map<String, Counter> framesOut = new ConcurrentHashMap<>();
    private final Map<String, Counter> deliveries = new ConcurrentHashMap<>();
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
        count(framesIn, type, "parley.ws.frames.in", "Frames received, by type");
    }

    public void frameOut(String type) {
        count(framesOut, type, "parley.ws.frames.out", "Frames written to clients, by type");
    }

    /** A push handed to one subscription (once per recipient). */
    public void delivered(String type) {
        count(deliveries, type, "parley.ws.deliveries", "Pushes delivered to subscriptions, by type");
    }

    public void closed(int code) {
        closes.computeIfAbsent(code, c -> Counter.builder("parley.ws.closes")
                .description("Closed connections, by close code").tag("code", Integer.toString(c))
                .register(registry)).increment();
    }

    public void acked(Duration sinceSend) {
        ackLatency.record(sinceSend);
    }

    /** Registers a gauge; the supplier is read at scrape time. */
    public void gauge(String name, String description, Supplier<Number> value) {
        io.micrometer.core.instrument.Gauge.builder(name, value).description(description).register(registry);
    }

    private void count(Map<String, Counter> counters, String type, String name, String description) {
        counters.computeIfAbsent(type, t -> Counter.builder(name).description(description).tag("type", t)
                .register(registry)).increment();
    }
}
