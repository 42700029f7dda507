package dev.parley.bench.persist;

import dev.parley.bench.chat.ChatRun;
import dev.parley.bench.chat.PhaseStats;
import dev.parley.bench.chat.PhaseWindow;
import dev.parley.bench.chat.SendSchedule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Judges W3's steps while the next one already runs: a step is judged a second after it ended,
 * counting its sends still without an ack as slower than the limit (they are, by then). It fails
 * when more than 1 % of its sends took longer than the limit (p99 above it) or any of them failed.
 */
final class Ramp {

    private static final long JUDGE_AFTER_NANOS = 1_000_000_000L;

    private final ChatRun run;
    private final int rooms;
    private final long limitMicros;
    private final Consumer<String> say;
    private final List<Map<String, Object>> steps = new ArrayList<>();

    Ramp(ChatRun run, int rooms, long limitMicros, Consumer<String> say) {
        this.run = run;
        this.rooms = rooms;
        this.limitMicros = limitMicros;
        this.say = say;
    }

    /** Follows the steps of a schedule as they end; stops it at the first that fails; returns the best passing rate (0: none). */
    double climb(SendSchedule schedule, List<PhaseWindow> steps) throws InterruptedException {
        double best = 0;
        long errorsBefore = run.totals().errors();
        for (PhaseWindow window : steps) {
            while (System.nanoTime() < window.endNanos() + JUDGE_AFTER_NANOS) {
                Thread.sleep(50);
            }
            Map<String, Object> verdict = judge(window);
            if (run.totals().errors() > errorsBefore) {
                verdict.put("ok", false);
                verdict.put("why", (verdict.get("why") + " errors " + run.errors()).strip());
            }
            this.steps.add(verdict);
            say.accept(String.format("  %s: acked %.0f/s, p99 ack %s ms → %s", window.phase().name(), verdict.get("acked/s"),
                    verdict.get("p99 ack ms"), (boolean) verdict.get("ok") ? "ok" : "limit: " + verdict.get("why")));
            if (!(boolean) verdict.get("ok")) {
                break;
            }
            best = window.phase().ratePerRoom() * rooms;
        }
        schedule.stop();
        schedule.awaitEnd();
        return best;
    }

    /** A phase's figures and whether it held: p99 ack within the limit (unacked sends counted as over it), no failures. */
    Map<String, Object> judge(PhaseWindow window) {
        PhaseStats stats = run.phaseStats(window.index());
        double seconds = window.seconds();
        long overLimit = stats.acks().getCountBetweenValues(limitMicros + 1, Long.MAX_VALUE / 4) + stats.pending();
        boolean p99Ok = stats.sent() > 0 && overLimit <= stats.sent() / 100;
        Map<String, Object> verdict = new LinkedHashMap<>();
        verdict.put("phase", window.phase().name());
        verdict.put("offered/s", window.phase().ratePerRoom() * rooms);
        verdict.put("sent", stats.sent());
        verdict.put("acked/s", stats.acked() / seconds);
        verdict.put("p50 ack ms", stats.acks().getTotalCount() == 0 ? 0 : stats.acks().getValueAtPercentile(50) / 1000.0);
        verdict.put("p99 ack ms", stats.acks().getTotalCount() == 0 ? 0 : stats.acks().getValueAtPercentile(99) / 1000.0);
        verdict.put("max ack ms", stats.acks().getMaxValue() / 1000.0);
        verdict.put("p99 delivery ms", stats.deliveries().getTotalCount() == 0 ? 0
                : stats.deliveries().getValueAtPercentile(99) / 1000.0);
        verdict.put("unacked after 1 s", stats.pending());
        verdict.put("failed", stats.failed());
        boolean ok = p99Ok && stats.failed() == 0;
        verdict.put("ok", ok);
        verdict.put("why", ok ? "" : stats.failed() > 0 ? "failed sends " + stats.failed()
                : overLimit + " of " + stats.sent() + " sends over " + limitMicros / 1000 + " ms");
        return verdict;
    }

    List<Map<String, Object>> steps() {
        return List.copyOf(steps);
    }

}
