package dev.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.bench.report.Progress;
import dev.parley.infra.launcher.Platform;
import dev.parley.infra.launcher.PlatformLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A platform gets the unmeasured warm-up until each of its processes has carried a workload: by what the processes
 * did, not how long ago they started (a platform left idle after {@code ./parley up} is as cold as a new one), and
 * only once a run's load has run (a run that failed in its set-up warmed nothing). The warm-up (W1's, W3's, W4's, hostile's) then
 * lasts while a JVM of the platform, or the load generator, is still compiling, within its bounds; the load generator
 * is a new JVM in every run, so a warm platform still gets a slice of it.
 */
class PlatformWarmUpTests {

    @TempDir
    Path home;

    @Test
    void aProcessWarmsUpOnceAndAgainAfterItWasReplaced() throws IOException {
        BenchContext context = new BenchContext("w1", new BenchOptions(Map.of()),
                new Platform(PlatformLayout.onFreePorts(home, home, ""), message -> { }), home, Progress.quiet());
        ProcessHandle self = ProcessHandle.current();
        String started = self.info().startInstant().map(Instant::toString).orElseThrow();
        record(home, self.pid(), started);

        assertThat(context.platformWarmUp()).as("never loaded").isEqualTo(Duration.ofSeconds(60));
        assertThat(context.platformWarmUp()).as("a run that failed before its load").isEqualTo(Duration.ofSeconds(60));
        context.platformLoaded();
        assertThat(context.platformWarmUp()).as("loaded by the run before").isZero();

        // What was loaded then was another process under the same name and pid (say, before a restart).
        Files.write(home.resolve("bench-loaded-processes"), List.of("kafka " + self.pid() + " 2000-01-01T00:00:00Z"));
        assertThat(context.platformWarmUp()).as("replaced since it was loaded").isEqualTo(Duration.ofSeconds(60));
        // …and an option still decides over both.
        assertThat(new BenchContext("w1", new BenchOptions(Map.of("platform-warmup", "5s")),
                new Platform(PlatformLayout.onFreePorts(home, home, ""), message -> { }), home, Progress.quiet())
                .platformWarmUp()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aWarmPlatformStillWarmsUpTheLoadGeneratorForASliceUnlessAnOptionSaysNone() throws Exception {
        ProcessHandle self = ProcessHandle.current();
        record(home, self.pid(), self.info().startInstant().map(Instant::toString).orElseThrow());
        BenchContext context = context(Map.of());
        context.platformLoaded();
        assertThat(context.platformWarmUp()).as("the platform is warm").isZero();

        // this test's JVM is the load generator: it compiles nothing much in the instant a slice takes here
        assertThat(context.platformWarmUpUntilCompiled().run((sent, slice) -> { }))
                .isEqualTo(Duration.ofSeconds(PlatformWarmUp.SLICE_SECONDS));
        assertThat(context(Map.of("platform-warmup", "0s")).platformWarmUpUntilCompiled()
                .run((sent, slice) -> { })).isZero();
    }

    private BenchContext context(Map<String, String> options) {
        return new BenchContext("w1", new BenchOptions(options),
                new Platform(PlatformLayout.onFreePorts(home, home, ""), message -> { }), home, Progress.quiet());
    }

    @Test
    void jvmsThatHaveCompiledTheirCodeEndTheWarmUpAtItsMinimum() throws InterruptedException {
        Warming warming = new Warming(0); // 0.5 s of compilation in every slice: under a tenth of it

        assertThat(warming.upTo(Duration.ofSeconds(60), Duration.ofMinutes(5))).isEqualTo(Duration.ofSeconds(60));
        assertThat(warming.loaded).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void aJvmStillCompilingKeepsTheLoadOnUntilItQuiets() throws InterruptedException {
        Warming warming = new Warming(100); // compiling 10 s of every 15 s for the first 100 s of load

        assertThat(warming.upTo(Duration.ofSeconds(60), Duration.ofMinutes(5))).isEqualTo(Duration.ofSeconds(120));
        assertThat(warming.loaded).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void theWarmUpEndsAtItsMaximumWhateverTheJit() throws InterruptedException {
        Warming warming = new Warming(Integer.MAX_VALUE);

        assertThat(warming.upTo(Duration.ofSeconds(60), Duration.ofSeconds(100))).isEqualTo(Duration.ofSeconds(100));
    }

    @Test
    void noMinimumMeansNoWarmUp() throws InterruptedException {
        Warming warming = new Warming(Integer.MAX_VALUE);

        assertThat(warming.upTo(Duration.ZERO, Duration.ofMinutes(5))).isZero();
        assertThat(PlatformWarmUp.none().run(warming::send)).isZero();
        assertThat(warming.loaded).isZero();
    }

    /** A platform's JVM that compiles 10 s of every 15 s of load until {@code busyFor} seconds of it, then 0.5 s. */
    private static final class Warming {
        private final int busyFor;
        private Duration loaded = Duration.ZERO;
        private Duration compiled = Duration.ZERO;

        Warming(int busyFor) {
            this.busyFor = busyFor;
        }

        Duration upTo(Duration minimum, Duration maximum) throws InterruptedException {
            return new PlatformWarmUp(minimum, maximum, () -> Map.of("ws-gateway", compiled), Progress.quiet())
                    .run(this::send);
        }

        void send(Duration sent, Duration duration) {
            assertThat(sent).as("the warm-up sent before this slice").isEqualTo(loaded);
            double share = loaded.toSeconds() < busyFor ? 10.0 / 15 : 0.5 / 15;
            loaded = loaded.plus(duration);
            compiled = compiled.plusMillis((long) (duration.toMillis() * share));
        }
    }

    private static void record(Path home, long pid, String started) throws IOException {
        Files.write(home.resolve("state.properties"), List.of("kafka.pid=" + pid, "kafka.started=" + started));
    }
}
