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

    public static Phase measured(String name, double ratePerRoom, Duration duration) {
        return new Phase(name, ratePerRoom, duration, true);
    }
}
