package dev.parley.bench.persist;

import dev.parley.bench.BenchContext;
import dev.parley.bench.PlatformWarmUp;
import dev.parley.bench.RunRecorder;
import dev.parley.bench.WebSocketEntry;
import dev.parley.bench.Workload;
import dev.parley.bench.api.BenchUser;
import dev.parley.bench.api.ParleyApi;
import dev.parley.bench.chat.ChatProgress;
import dev.parley.bench.chat.ChatRooms;
import dev.parley.bench.chat.ChatRun;
import dev.parley.bench.chat.ChatScenario;
import dev.parley.bench.chat.Correctness;
import dev.parley.bench.chat.Phase;
import dev.parley.bench.chat.PhaseWindow;
import dev.parley.bench.chat.SendSchedule;
import dev.parley.bench.report.BenchResult;
import dev.parley.bench.report.LatencySummary;
import dev.parley.bench.ws.WsClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * W3 persist: 1,000 rooms × 2 members. After a warm-up at the first step's rate (default 30 s, plus the
 * platform warm-up of {@link BenchContext#platformWarmUpUntilCompiled()}: a platform just started compiles its hot code
 * under this load, and would otherwise fail the first step for that alone), the send rate steps up
 * (default from 1,000 msgs/s by 1,000 every 15 s) until a step's send→ack p99 exceeds 200 ms or errors
 * appear; the best step's rate is then sustained for 60 s (one step lower if that fails). An ack means
 * durable in PostgreSQL, so acks per second are persisted messages per second.
 */
public final class PersistWorkload implements Workload {

    static final double BAR = 5_000;

    @Override
    public BenchResult run(BenchContext context) throws Exception {
        var options = context.options();
        int rooms = options.integer("rooms", 1000);
        int members = options.integer("members", 2);
        double startRate = options.decimal("start-rate", 1000);
        double step = options.decimal("step", 1000);
        double maxRate = options.decimal("max-rate", 18_000);
        Duration stepDuration = options.duration("step-duration", Duration.ofSeconds(15));
        PlatformWarmUp platformWarmUp = context.platformWarmUpUntilCompiled();
        Duration warmUp = options.duration("warmup", Duration.ofSeconds(30));
        Duration sustain = options.duration("sustain", Duration.ofSeconds(60));
        long limitMicros = options.duration("p99-limit", Duration.ofMillis(200)).toNanos() / 1000;
        WebSocketEntry entry = context.webSocket();
        ChatScenario scenario = new ChatScenario(context.workload(), rooms, members, options.integer("body", 60),
                List.of(entry.uri()));
        ParleyApi api = context.api();
        try (RunRecorder recorder = new RunRecorder(context, "W3 persist: maximum sustained persisted messages/s")) {
            recorder.entry(List.of(entry));
            List<BenchUser> users = context.users(api, scenario.connections());
            try (WsClient client = context.client();
                 ChatRooms chatRooms = ChatRooms.create(scenario, api, users, context.progress());
                 ChatRun run = ChatRun.open(scenario, chatRooms, client, context.progress());
                 AutoCloseable ticker = ChatProgress.start(run, context.progress())) {
                Ramp ramp = new Ramp(run, rooms, limitMicros, context.progress()::say);
                Duration platformWarmedUp = platformWarmUp.run((sent, slice) ->
                        run.send(List.of(Phase.platformWarmUp(startRate / rooms, sent, slice))).awaitEnd());
                List<Phase> phases = new ArrayList<>(List.of(Phase.warmUp(startRate / rooms, warmUp)));
                for (double rate = startRate; rate <= maxRate; rate += step) {
                    phases.add(Phase.measured(String.format("step %.0f/s", rate), rate / rooms, stepDuration));
                }
                context.progress().say(String.format("  warming up %d s at %.0f msgs/s, then stepping from %.0f msgs/s by "
                        + "%.0f every %d s until p99 > %d ms or errors", warmUp.toSeconds(), startRate, startRate, step,
                        stepDuration.toSeconds(), limitMicros / 1000));
                SendSchedule climbing = run.send(phases);
                List<PhaseWindow> windows = run.windows();
                double best = ramp.climb(climbing, windows.subList(windows.size() - phases.size() + 1, windows.size()));
                context.platformLoaded();
                run.drain(Duration.ofSeconds(30));
                List<Map<String, Object>> sustained = new ArrayList<>();
                PhaseWindow sustainWindow = null;
                double sustainedRate = 0;
                for (int attempt = 0; attempt < 2 && best > 0 && sustainedRate == 0; attempt++) {
                    context.progress().say(String.format("  sustaining %.0f msgs/s for %d s", best, sustain.toSeconds()));
                    SendSchedule schedule = run.send(List.of(Phase.warmUp(best / rooms, Duration.ofSeconds(5)),
                            Phase.measured(String.format("sustain %.0f/s", best), best / rooms, sustain)));
                    schedule.awaitEnd();
                    sustainWindow = run.windows().getLast();
                    recorder.resources(sustainWindow.startNanos(), sustainWindow.endNanos());
                    run.drain(Duration.ofSeconds(30));
                    Map<String, Object> verdict = ramp.judge(sustainWindow);
                    sustained.add(verdict);
                    if ((boolean) verdict.get("ok")) {
                        sustainedRate = (double) verdict.get("acked/s");
                    } else {
                        best -= step;
                    }
                }
                Correctness correctness = run.drain(Duration.ofSeconds(30));
                ticker.close();
                recorder.correctness(correctness);
                recorder.detail("upgradeRetries", run.upgradeRetries());
                recorder.detail("subscribeRetries", run.subscribeRetries());
                recorder.detail("steps", ramp.steps());
                recorder.detail("warmUpSeconds", warmUp.toSeconds());
                recorder.detail("platformWarmUpSeconds", platformWarmedUp.toSeconds());
                recorder.detail("sustain", sustained);
                if (sustainWindow != null) {
                    recorder.latency(LatencySummary.of("send→ack", run.acks().phase(sustainWindow.index())));
                    recorder.latency(LatencySummary.of("send→delivery", run.deliveries().phase(sustainWindow.index())));
                }
                recorder.timeline(run.acks());
                recorder.timeline(run.deliveries());
                recorder.check("persisted messages/s sustained for " + sustain.toSeconds() + " s (p99 ack ≤ "
                        + limitMicros / 1000 + " ms, no errors)", "≥ " + (int) BAR, String.format("%.0f", sustainedRate),
                        sustainedRate >= BAR);
                recorder.check("correctness (every acked message delivered once, in order)", "holds",
                        correctness.lost() + " lost, " + correctness.duplicates() + " duplicated, "
                                + correctness.outOfOrder() + " out of order, " + correctness.unacked() + " unacked",
                        correctness.lost() == 0 && correctness.duplicates() == 0 && correctness.outOfOrder() == 0
                                && correctness.unacked() == 0 && correctness.brokenSubscriptions() == 0);
            }
            return recorder.result();
        }
    }
}
