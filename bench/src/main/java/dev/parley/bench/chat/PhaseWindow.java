package dev.parley.bench.chat;

/** A phase as it was scheduled: its index in the run and when it started and ended (System.nanoTime()). */
public record PhaseWindow(int index, Phase phase, long startNanos, long endNanos) {

    public double seconds() {
        return (endNanos - startNanos) / 1e9;
    }
}
