package dev.parley.bench.report;

/** One line of the bar a workload is held to: what is required, what was measured, and whether it holds. */
public record Check(String name, String required, String measured, boolean pass) {
}
