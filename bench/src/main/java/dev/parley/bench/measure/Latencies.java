package dev.parley.bench.measure;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * One latency (send→delivery, send→ack, …) in microseconds, recorded from any thread: a histogram
 * per phase of the run (warm-up, measured, each step of a ramp), chosen by the phase the message was
 * <em>intended</em> to be sent in, plus a recorder drained once a second for the timeline.
 */
public final class Latencies {

    private final String name;
    private final ConcurrentHashMap<Integer, Histogram> phases = new ConcurrentHashMap<>();
    private final Recorder interval = new Recorder(3);
    private final List<Second> timeline = new ArrayList<>();
    private Histogram intervalHistogram;

    public Latencies(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public void record(int phase, long micros) {
        long value = Math.max(0, micros);
        phases.computeIfAbsent(phase, p -> new ConcurrentHistogram(3)).recordValue(value);
        interval.recordValue(value);
    }

    /** What a phase recorded (a copy), empty if nothing. */
    public Histogram phase(int phase) {
        Histogram recorded = phases.get(phase);
        return recorded == null ? new Histogram(3) : recorded.copy();
    }

    /** Several phases together, e.g. every step of a ramp. */
    public Histogram phases(int fromInclusive, int toInclusive) {
        Histogram total = new Histogram(3);
        for (int phase = fromInclusive; phase <= toInclusive; phase++) {
            Histogram recorded = phases.get(phase);
            if (recorded != null) {
                total.add(recorded);
            }
        }
        return total;
    }

    /** Closes the current second of the timeline; called once a second by one thread. */
    public synchronized Second tick(double elapsedSeconds) {
        intervalHistogram = interval.getIntervalHistogram(intervalHistogram);
        Second second = new Second(elapsedSeconds, intervalHistogram.getTotalCount(),
                intervalHistogram.getTotalCount() == 0 ? 0 : intervalHistogram.getValueAtPercentile(50),
                intervalHistogram.getTotalCount() == 0 ? 0 : intervalHistogram.getValueAtPercentile(99),
                intervalHistogram.getMaxValue());
        timeline.add(second);
        return second;
    }

    public synchronized List<Second> timeline() {
        return List.copyOf(timeline);
    }

    /** One second of the run: how many were recorded and their p50, p99 and max (µs). */
    public record Second(double at, long count, long p50, long p99, long max) {
    }
}
