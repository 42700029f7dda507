package dev.parley.bench.chat;

import dev.parley.bench.measure.Latencies;
import dev.parley.bench.report.Progress;

/** The status line of a chat run, once a second: phase, elapsed time, rates, pending sends, last second's p99s, errors. */
public final class ChatProgress implements Runnable {

    private final ChatRun run;
    private final Progress progress;
    private ChatRun.Totals last = new ChatRun.Totals(0, 0, 0, 0, 0);

    private ChatProgress(ChatRun run, Progress progress) {
        this.run = run;
        this.progress = progress;
    }

    public static AutoCloseable start(ChatRun run, Progress progress) {
        return Progress.everySecond(new ChatProgress(run, progress));
    }

    @Override
    public void run() {
        long now = System.nanoTime();
        double elapsed = (now - run.originNanos()) / 1e9;
        Latencies.Second deliveries = run.deliveries().tick(elapsed);
        Latencies.Second acks = run.acks().tick(elapsed);
        ChatRun.Totals totals = run.totals();
        String phase = "set-up";
        for (PhaseWindow window : run.windows()) {
            if (now >= window.startNanos()) {
                phase = String.format("%s %.0f/%.0f s", window.phase().name(), Math.min((now - window.startNanos()) / 1e9,
                        window.seconds()), window.seconds());
            }
        }
        if (!run.windows().isEmpty() && now > run.windows().getLast().endNanos()) {
            phase = "drain";
        }
        progress.status(String.format("  [%5.0f s %s] sent %d/s  acked %d/s  delivered %d/s  pending %d  "
                        + "p99 delivery %.1f ms  ack %.1f ms  errors %d", elapsed, phase, totals.sent() - last.sent(),
                totals.acked() - last.acked(), totals.deliveries() - last.deliveries(), totals.pending(),
                deliveries.p99() / 1000.0, acks.p99() / 1000.0, totals.errors()));
        last = totals;
    }
}
