package dev.parley.bench;

import dev.parley.bench.report.Check;
import dev.parley.bench.report.Progress;
import dev.parley.infra.launcher.Component;
import dev.parley.infra.launcher.Platform;
import dev.parley.infra.launcher.PlatformLayout;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code ./parley bench <workload> [--option value …]}, run from the checkout's root against the
 * platform {@code ./parley up} started (the script starts it when it is not running). Exit code 0
 * when every check of the workload's bar holds, 1 when one does not, 2 on a usage error.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        if (wantsHelp(args)) {
            System.out.println(usage());
            System.exit(args.length == 0 ? 2 : 0);
        }
        String workload;
        BenchOptions options;
        try {
            workload = Bench.canonical(args[0]);
            options = BenchOptions.parse(args, 1);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\n" + usage());
            System.exit(2);
            return;
        }
        Path checkout = Path.of("").toAbsolutePath();
        Platform platform = new Platform(PlatformLayout.standard(checkout, System.getProperty("java.class.path")),
                line -> System.out.println(line));
        List<Component> down = java.util.Arrays.stream(Component.values())
                .filter(component -> !platform.isReady(component)).toList();
        if (!down.isEmpty()) {
            System.err.println("Parley is not (fully) running — not ready: " + down.stream().map(Component::id).toList()
                    + ". Start it with ./parley up --detach (./parley bench does when nothing runs).");
            System.exit(1);
        }
        Progress progress = Progress.toConsole();
        progress.say("Bench " + workload + " against " + platform.layout().publicUrl());
        Bench.Outcome outcome = Bench.run(new BenchContext(workload, options, platform, checkout, progress));
        if (!options.unread().isEmpty()) {
            progress.say("  (options not used by " + workload + ": " + options.unread() + ")");
        }
        progress.say("");
        for (Check check : outcome.result().checks()) {
            progress.say(String.format("  %-4s %-40s %-28s measured: %s", check.pass() ? "ok" : "FAIL", check.name(),
                    check.required(), check.measured()));
        }
        progress.say("\nResult: " + checkout.relativize(outcome.json().toAbsolutePath()) + "\nReport: "
                + checkout.relativize(outcome.html().toAbsolutePath()));
        System.exit(outcome.result().passed() ? 0 : 1);
    }

    /** No workload, {@code help} as the workload, or {@code --help}/{@code -h} anywhere: usage, nothing run. */
    static boolean wantsHelp(String[] args) {
        return args.length == 0 || args[0].equals("help")
                || java.util.Arrays.stream(args).anyMatch(arg -> arg.equals("--help") || arg.equals("-h"));
    }

    private static String usage() {
        return """
                usage: ./parley bench <workload> [--option value …]
                  w1 | chat       1,000 connections, 10 rooms × 100 members, 20 msgs/s per room, 5 s warm-up, 30 s measured;
                                  then the same clients against a plain Netty broadcast server, the ceiling (--ceiling false: not),
                                  and against that server sending each message through Kafka and PostgreSQL, the floor
                                  of Parley's shape (--floor false: not)
                  w2 | idle       idle connections opened at a steady rate up to --connections (20000) or the first failure,
                                  after a cold platform's warm-up of connections opened and closed (--warmup-connect-rate 100)
                  w3 | persist    30 s warm-up, then steps the send rate up until send→ack p99 > 200 ms or errors,
                                  then sustains the best for 60 s
                  w4 | scale-out  W1 over two ws-gateway and two message-service instances
                  smoke           a few connections for a few seconds (what ./mvnw verify runs)
                  faults          kill -9 of each component in turn, then a 15-s freeze (SIGSTOP) of each, under chat
                                  load by well-behaved clients, with new requests probing each freeze; then proves
                                  nothing acked was lost or duplicated; recovery time per fault (docs/reliability.md)
                  hostile         fuzzed HTTP requests and WebSocket frames and every flood the edge protects against,
                                  through the public entry, beside a legitimate user (docs/security.md)
                every workload connects through the public entry (api-gateway); --via ws-gateway goes around it (labelled so)
                options (see docs/performance.md): --rooms --members --rate --warmup --platform-warmup --duration --body --via
                  --platform-warmup-max --ceiling --ceiling-warmup --floor
                  --connections --connect-rate --warmup-connect-rate --hold --start-rate --step --step-duration --sustain --max-rate
                  --threads --source-addresses --results --users-cache
                faults options (docs/reliability.md): --faults (freeze:<name> to SIGSTOP) --second-instances --down --frozen --settle --live-timeout --drain
                  --freeze-grace --ack-timeout --backoff-min --backoff-max --sends-per-second --send-burst
                hostile options (docs/security.md): --http-requests --http-rate --ws-frames --ws-connections-per-user --frame-rate
                  --rate --seed --flood-gap --resume-flood --platform-warmup --platform-warmup-max""";
    }
}
