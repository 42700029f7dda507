package dev.parley.gateway.ws.session;

import io.netty.channel.EventLoop;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The connections of one event loop that have frames waiting, written by one task per burst: a fan-out to a
 * hundred members of a room wakes each event loop once and hands it one task, not a task and a wake-up per
 * recipient.
 */
public final class LoopDrains {

    private final EventLoop loop;
    private final ConcurrentLinkedQueue<Outbound> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean armed = new AtomicBoolean();
    private final Runnable drainAll = this::drainAll;

    /** One per event loop: every connection of the loop shares it. */
    public LoopDrains(EventLoop loop) {
        this.loop = loop;
    }

    /** {@code outbound} has frames to write: it is drained on the loop, with the others that have. */
    void schedule(Outbound outbound) {
        waiting.add(outbound);
        if (armed.compareAndSet(false, true)) {
            loop.execute(drainAll);
        }
    }

    private void drainAll() {
        armed.set(false); // what is added from here on arms a new task, or is polled below
        Outbound outbound;
        while ((outbound = waiting.poll()) != null) {
            outbound.drain();
        }
    }
}
