package dev.parley.bench.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The open model: every message at or after its intended time, the planned count, the rooms in turn. */
class SendScheduleTests {

    @Test
    void atAHighRateNothingGoesOutEarlyAndMessagesAreHandedOverATickAtATime() throws Exception {
        Recorder recorder = new Recorder();
        // 1,000 rooms at 5 msgs/s each: 5,000 msgs/s, one every 200 µs
        run(recorder, List.of(Phase.measured("fast", 5, Duration.ofMillis(400))), 1000, 2);

        assertThat(recorder.sent).hasSize(2000);
        assertThat(recorder.early).as("sent before their intended time").isZero();
        assertThat(recorder.flushes).as("hand-overs, at most one per 1 ms tick or 64 messages")
                .isLessThanOrEqualTo(recorder.sent.size() / 3);
        assertThat(recorder.unflushedAtEnd).isZero();
        assertThat(recorder.sent.subList(0, 3)).containsExactly(new long[] {0, 0, 0}, new long[] {1, 0, 1},
                new long[] {2, 0, 2});
        assertThat(recorder.sent.get(1000)).as("the second round: room 0's other member")
                .containsExactly(0, 1, 1000);
    }

    @Test
    void atALowRateEachMessageGoesOutOnItsOwn() throws Exception {
        Recorder recorder = new Recorder();
        // 2 rooms at 10 msgs/s each: one every 50 ms (at one every 10 ms, a loaded machine's stalls merged too many)
        run(recorder, List.of(Phase.warmUp(10, Duration.ofSeconds(1)), Phase.measured("slow", 10, Duration.ofSeconds(1))),
                2, 3);

        assertThat(recorder.sent).hasSize(40);
        assertThat(recorder.early).isZero();
        // each on its own unless the machine stalled for more than 50 ms
        assertThat(recorder.flushes).as("hand-overs").isGreaterThanOrEqualTo(30);
        assertThat(recorder.phases.subList(0, 20)).containsOnly(7);
        assertThat(recorder.phases.subList(20, 40)).containsOnly(8);
    }

    private static void run(Recorder recorder, List<Phase> phases, int rooms, int members) throws InterruptedException {
        long origin = System.nanoTime();
        recorder.origin = origin;
        SendSchedule schedule = new SendSchedule(phases, 7, rooms, members, origin, 1_000_000, 0, recorder).start();
        schedule.awaitEnd();
    }

    /** Records each send as {room, member, number}, whether it was early, and the hand-overs. */
    private static final class Recorder implements SendSchedule.Sender {
        long origin;
        final List<long[]> sent = new ArrayList<>();
        final List<Integer> phases = new ArrayList<>();
        int early;
        int flushes;
        int unflushedAtEnd;

        @Override
        public void send(int room, int member, int phase, long number, long intendedNanos) {
            if (System.nanoTime() - origin < intendedNanos) {
                early++;
            }
            sent.add(new long[] {room, member, number});
            phases.add(phase);
            unflushedAtEnd++;
        }

        @Override
        public void flush() {
            if (unflushedAtEnd > 0) {
                flushes++;
            }
            unflushedAtEnd = 0;
        }
    }
}
