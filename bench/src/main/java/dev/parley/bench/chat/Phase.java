package dev.parley.bench.chat;

import java.time.Duration;

/**
 * A stretch of a run at one rate: messages per second in each room, for a duration. Latencies are
 * kept per phase (by the phase a message was intended to be sent in); {@code measured} phases are
 * the ones a report's figures come from, the others warm the platform up.
 */
public record Phase(String name, double ratePerRoom, Duration duration, boolean measured) {

    public static Phase warmUp(double ratePerRoom, Duration duration) {
        return new Phase("warm-up", ratePerRoom, duration, false);
    }

    /**
     * A slice of the platform's warm-up ({@link dev.parley.bench.PlatformWarmUp}), named with the warm-up sent before
     * it so that the progress line shows how long the whole has lasted, not only the slice.
     */
    public static Phase platformWarmUp(double ratePerRoom, Duration sent, Duration slice) {
        return warmUp("platform warm-up", ratePerRoom, sent, slice);
    }

    /** The same for a warm-up of another name (W1's ceiling and floor servers). */
    public static Phase warmUp(String name, double ratePerRoom, Duration sent, Duration slice) {
        return new Phase(sent.isZero() ? name : name + " " + sent.toSeconds() + " s +", ratePerRoom, slice, false);
    }

    public static Phase measured(String name, double ratePerRoom, Duration duration) {
        return new Phase(name, ratePerRoom, duration, true);
    }
}
