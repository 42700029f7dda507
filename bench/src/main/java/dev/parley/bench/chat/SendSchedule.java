package dev.parley.bench.chat;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-model load: the k-th message of a phase is due at {@code phaseStart + k / rate}, whether or not
 * earlier ones were answered, and each message records that <em>intended</em> time. A sender thread
 * that falls behind (a GC pause, a busy machine) sends what is due at once, and the delay shows in
 * the measured latency instead of silently thinning the load — no coordinated omission.
 *
 * <p>Rooms take turns (message k goes to room k mod rooms), and within a room the members take turns
 * sending, which keeps every connection far below the contract's 10 sends/s.
 */
public final class SendSchedule {

    /**
     * Below this, the sender does not sleep until each message's own time but a tick at a time and sends
     * what fell due together: at most this late, which the measured latency includes (it counts from the
     * intended time), and far fewer wake-ups of the load generator at thousands of messages a second.
     */
    static final long TICK_NANOS = 1_000_000;
    /** A sender that is behind still hands its messages over at least this often. */
    private static final int MAX_QUEUED = 64;

    /** Sends messages: room, phase, its number in the run and intended time (ns after the origin). */
    interface Sender {
        /** Queues one message. */
        void send(int room, int member, int phase, long number, long intendedNanos);

        /** Hands the queued messages to the network. */
        void flush();
    }

    private final List<Phase> phases;
    private final int firstPhaseIndex;
    private final int rooms;
    private final int members;
    private final long originNanos;
    private final long[] phaseStart;
    private final Thread thread;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopped;
    private long number;

    /**
     * @param startNanos when the first phase starts, as ns after {@code originNanos}
     * @param firstPhaseIndex the index the first phase is recorded under (later ones follow)
     */
    SendSchedule(List<Phase> phases, int firstPhaseIndex, int rooms, int members, long originNanos, long startNanos,
                 long firstNumber, Sender sender) {
        this.phases = List.copyOf(phases);
        this.firstPhaseIndex = firstPhaseIndex;
        this.rooms = rooms;
        this.members = members;
        this.originNanos = originNanos;
        this.number = firstNumber;
        this.phaseStart = new long[phases.size() + 1];
        phaseStart[0] = startNanos;
        for (int i = 0; i < phases.size(); i++) {
            phaseStart[i + 1] = phaseStart[i] + phases.get(i).duration().toNanos();
        }
        this.thread = Thread.ofPlatform().name("bench-sender").unstarted(() -> run(sender));
    }

    SendSchedule start() {
        thread.setPriority(Thread.MAX_PRIORITY);
        thread.start();
        return this;
    }

    /** Stops sending at once (a ramp found its limit); what was sent stays in the books. */
    public void stop() {
        stopped = true;
        LockSupport.unpark(thread);
    }

    public void awaitEnd() throws InterruptedException {
        finished.await();
    }

    public boolean isFinished() {
        return finished.getCount() == 0;
    }

    /** Start of phase {@code i} of this schedule (0-based), in ns after the origin; {@code i = size} is the end. */
    long phaseStart(int i) {
        return phaseStart[i];
    }

    int phaseIndex(int i) {
        return firstPhaseIndex + i;
    }

    private void run(Sender sender) {
        try {
            int[] turn = new int[rooms];
            int queued = 0;
            for (int i = 0; i < phases.size() && !stopped; i++) {
                double perSecond = phases.get(i).ratePerRoom() * rooms;
                long count = Math.round(perSecond * phases.get(i).duration().toNanos() / 1e9);
                for (long k = 0; k < count && !stopped; k++) {
                    long intended = phaseStart[i] + (long) (k * 1e9 / perSecond);
                    long now = System.nanoTime() - originNanos;
                    if (intended > now || queued == MAX_QUEUED) {
                        sender.flush();
                        queued = 0;
                    }
                    if (intended > now) {
                        sleepUntil(Math.max(intended, now + TICK_NANOS));
                        if (stopped) {
                            break;
                        }
                    }
                    int room = (int) (k % rooms);
                    int member = turn[room]++ % members;
                    sender.send(room, member, phaseIndex(i), number++, intended);
                    queued++;
                }
            }
        } finally {
            sender.flush();
            finished.countDown();
        }
    }

    /** Parks until {@code target} (ns after the origin) or a stop; parkNanos may return early. */
    private void sleepUntil(long target) {
        long wait;
        while (!stopped && (wait = target - (System.nanoTime() - originNanos)) > 0) {
            LockSupport.parkNanos(wait);
        }
    }
}
