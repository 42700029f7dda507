package dev.parley.bench.hostile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts of outcomes by name, from any thread, with the first few examples of each failure kept as evidence. */
final class Tally {

    private static final int EXAMPLES = 5;

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final Map<String, List<String>> examples = new ConcurrentHashMap<>();

    void count(String outcome) {
        counts.computeIfAbsent(outcome, name -> new LongAdder()).increment();
    }

    /** Counts a failure and keeps what shows it, up to a few per kind. */
    void fail(String kind, String example) {
        count(kind);
        List<String> kept = examples.computeIfAbsent(kind, name -> new ArrayList<>());
        synchronized (kept) {
            if (kept.size() < EXAMPLES) {
                kept.add(example.length() > 400 ? example.substring(0, 400) + "…" : example);
            }
        }
    }

    long get(String outcome) {
        LongAdder count = counts.get(outcome);
        return count == null ? 0 : count.sum();
    }

    long sumStartingWith(String prefix) {
        return counts.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .mapToLong(e -> e.getValue().sum()).sum();
    }

    Map<String, Long> snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((name, count) -> copy.put(name, count.sum()));
        return copy;
    }

    List<String> examples(String kind) {
        List<String> kept = examples.getOrDefault(kind, List.of());
        synchronized (kept) {
            return List.copyOf(kept);
        }
    }
}
