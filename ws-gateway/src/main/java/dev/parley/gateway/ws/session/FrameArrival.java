package dev.parley.gateway.ws.session;

/**
 * When a client's frame came in, which is what its frame allowance judges the client by ({@link SendAllowance}): the
 * gateway may get round to a frame much later (behind the connection's work while a send waits out a Kafka outage,
 * or on a starved machine), and a client cannot keep to a time it never saw.
 *
 * @param readAt when it was read from the socket ({@link System#nanoTime})
 * @param since the earliest it may have come in: {@code readAt}, unless reading from the connection had paused (its
 *              work fell behind) and the frame was read once it resumed: then it may have waited in the socket from
 *              the pause on
 */
public record FrameArrival(long readAt, long since) {

    public static FrameArrival now() {
        long now = System.nanoTime();
        return new FrameArrival(now, now);
    }
}
