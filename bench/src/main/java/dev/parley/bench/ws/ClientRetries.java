package dev.parley.bench.ws;

import java.time.Duration;

/**
 * How the bench's clients try again what the platform refused for now — an upgrade answered 503 (a ws-gateway that
 * could not take the connection in time, ADR 0023), a subscribe refused with {@code internal} (a lookup behind the
 * gateway timed out), a registration or login answered 502 or 503 ({@code ParleyApi}): {@link #AFTER} later, as a
 * client would, at most {@value #TIMES} times. W1's, W3's and W4's set-up and W2's ramp follow it; what is still
 * refused after that is the run's answer.
 */
public final class ClientRetries {

    /** How many times a refusal for now is tried again. */
    public static final int TIMES = 3;
    /** How long after the refusal. */
    public static final Duration AFTER = Duration.ofSeconds(1);

    private ClientRetries() {
    }
}
