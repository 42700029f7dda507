package dev.parley.bench.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What went wrong for one client, each tagged with the fault in progress: closes it did not ask for,
 * error frames and failed connects by kind, and the first few findings in words (the report's evidence).
 * Not thread-safe: its client synchronizes.
 */
final class ClientIncidents {

    /** A close the client did not ask for: its code (−1: no close frame) and the fault in progress then. */
    record Close(int code, String reason, String duringFault) {
    }

    private static final int EVIDENCE = 10;

    private final String label;
    private final List<Close> closes = new ArrayList<>();
    private final Map<String, Long> counts = new TreeMap<>();
    private final List<String> evidence = new ArrayList<>();
    private String fault = "none";

    ClientIncidents(String label) {
        this.label = label;
    }

    void fault(String name) {
        fault = name;
    }

    void closed(int code, String reason) {
        closes.add(new Close(code, reason, fault));
    }

    /** An error frame by its code, or a failed connect or login by its cause. */
    void count(String kind) {
        counts.merge(kind, 1L, Long::sum);
    }

    long countOf(String kind) {
        return counts.getOrDefault(kind, 0L);
    }

    void note(String finding) {
        if (evidence.size() < EVIDENCE) {
            evidence.add(label + ": " + finding + " (fault: " + fault + ")");
        }
    }

    List<Close> closes() {
        return List.copyOf(closes);
    }

    Map<String, Long> counts() {
        return new TreeMap<>(counts);
    }

    List<String> evidence() {
        return List.copyOf(evidence);
    }
}
