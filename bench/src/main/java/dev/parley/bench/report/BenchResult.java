package dev.parley.bench.report;

import dev.parley.bench.chat.Correctness;
import dev.parley.bench.measure.Latencies;
import dev.parley.bench.measure.ResourceUsage;
import java.util.List;
import java.util.Map;

/**
 * Everything one run found, as written to {@code bench-results/<workload>-<time>.json} and shown in
 * the HTML report. Latencies are in milliseconds; {@code timeline} holds one point per second.
 *
 * @param details what only this workload reports (W2's memory per connection, W3's steps …)
 */
public record BenchResult(String workload, String title, String startedAt, double seconds,
                          Map<String, Object> parameters, Map<String, Object> environment, List<Check> checks,
                          Correctness correctness, List<LatencySummary> latencies,
                          Map<String, List<Latencies.Second>> timeline, ResourceUsage resources,
                          Map<String, Object> details, List<String> notes) {

    public boolean passed() {
        return checks.stream().allMatch(Check::pass);
    }
}
