package dev.parley.bench;

import dev.parley.bench.chat.ChatWorkload;
import dev.parley.bench.faults.FaultsWorkload;
import dev.parley.bench.hostile.HostileWorkload;
import dev.parley.bench.idle.IdleWorkload;
import dev.parley.bench.persist.PersistWorkload;
import dev.parley.bench.report.BenchResult;
import dev.parley.bench.report.ResultFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The named workloads, and a run of one: result written as JSON and HTML under the results folder. */
public final class Bench {

    /** Names, with their aliases: {@code ./parley bench w1} is {@code ./parley bench chat}. */
    static final Map<String, String> ALIASES = Map.of("w1", "chat", "w2", "idle", "w3", "persist", "w4", "scale-out");

    public static final List<String> WORKLOADS = List.of("chat", "idle", "persist", "scale-out", "smoke", "faults", "hostile");

    private Bench() {
    }

    public static String canonical(String name) {
        String canonical = ALIASES.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), name.toLowerCase(java.util.Locale.ROOT));
        if (!WORKLOADS.contains(canonical)) {
            throw new IllegalArgumentException("No workload called " + name + "; one of w1 (chat), w2 (idle), "
                    + "w3 (persist), w4 (scale-out), smoke, faults, hostile");
        }
        return canonical;
    }

    static Workload workload(String canonical) {
        return switch (canonical) {
            case "chat" -> new ChatWorkload(ChatWorkload.Shape.CHAT);
            case "scale-out" -> new ChatWorkload(ChatWorkload.Shape.SCALE_OUT);
            case "smoke" -> new ChatWorkload(ChatWorkload.Shape.SMOKE);
            case "idle" -> new IdleWorkload();
            case "persist" -> new PersistWorkload();
            case "faults" -> new FaultsWorkload();
            case "hostile" -> new HostileWorkload();
            default -> throw new IllegalArgumentException(canonical);
        };
    }

    /** Runs a workload and writes its result; returns the result and where it went. */
    public static Outcome run(BenchContext context) throws Exception {
        BenchResult result = workload(context.workload()).run(context);
        Path results = Path.of(context.options().string("results", context.checkout().resolve("bench-results").toString()));
        ResultFiles.Written written = ResultFiles.write(result, results);
        return new Outcome(result, written.json(), written.html());
    }

    public record Outcome(BenchResult result, Path json, Path html) {
    }
}
