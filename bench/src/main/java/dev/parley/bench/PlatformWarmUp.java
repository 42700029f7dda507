package dev.parley.bench;

import dev.parley.bench.measure.CompileTime;
import dev.parley.bench.report.Progress;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Unmeasured load until the JVMs on the load's path (the platform's, and the load generator's own) have compiled
 * their hot code. It runs in slices of {@value #SLICE_SECONDS} s: at least {@code minimum}, then for as long as any
 * of those JVMs spent more than a tenth of the last slice compiling, up to {@code maximum}. A fixed minute was enough
 * on a fast machine; on a slow one the JIT of ws-gateway and message-service was still busy two minutes into the load
 * (docs/performance.md, "Warm-up"), and the run measured the compilation, not the platform.
 */
public final class PlatformWarmUp {

    public static final int SLICE_SECONDS = 15;
    private static final Duration SLICE = Duration.ofSeconds(SLICE_SECONDS);
    /** A JVM that compiled for longer than this share of a slice is still warming up. */
    private static final double BUSY_SHARE = 0.10;

    /** Sends the workload's own load, unmeasured, for a slice of the warm-up, and returns once it has been sent. */
    public interface Load {
        /** @param sent how much of the warm-up went before this slice, for the progress line */
        void send(Duration sent, Duration slice) throws InterruptedException;
    }

    private final Duration minimum;
    private final Duration maximum;
    private final Supplier<Map<String, Duration>> compileTimes;
    private final Progress progress;

    /**
     * @param compileTimes each running JVM's total compile time so far, by its part of the platform; a JVM that
     *                     cannot be read is left out, and with none readable the warm-up is the minimum
     */
    PlatformWarmUp(Duration minimum, Duration maximum, Supplier<Map<String, Duration>> compileTimes,
                   Progress progress) {
        this.minimum = minimum;
        this.maximum = maximum.compareTo(minimum) < 0 ? minimum : maximum;
        this.compileTimes = compileTimes;
        this.progress = progress;
    }

    /**
     * The warm-up of one JVM started for a comparison (W1's ceiling and floor servers): {@code minimum}, then on while
     * that JVM compiles, up to {@code maximum}.
     */
    public static PlatformWarmUp untilCompiled(Duration minimum, Duration maximum, String name, ProcessHandle jvm,
                                               Progress progress) {
        return new PlatformWarmUp(minimum, maximum, () -> CompileTime.of(jvm).map(time -> Map.of(name, time))
                .orElse(Map.of()), progress);
    }

    /** No warm-up: a platform that has already carried a workload. */
    public static PlatformWarmUp none() {
        return new PlatformWarmUp(Duration.ZERO, Duration.ZERO, Map::of, Progress.quiet());
    }

    /** Sends the warm-up's load and returns how long it lasted (zero for a warm platform). */
    public Duration run(Load load) throws InterruptedException {
        Duration elapsed = Duration.ZERO;
        if (minimum.isZero()) {
            return elapsed;
        }
        Map<String, Duration> before = compileTimes.get();
        while (elapsed.compareTo(maximum) < 0) {
            Duration slice = min(SLICE, (elapsed.compareTo(minimum) < 0 ? minimum : maximum).minus(elapsed));
            load.send(elapsed, slice);
            elapsed = elapsed.plus(slice);
            Map<String, Duration> after = compileTimes.get();
            Compiling busiest = busiest(before, after, slice);
            before = after;
            if (elapsed.compareTo(minimum) < 0) {
                continue;
            }
            if (busiest == null) {
                if (elapsed.compareTo(minimum) > 0) {
                    progress.say(String.format("  the JIT quieted after %d s of warm-up",
                            elapsed.toSeconds()));
                }
                return elapsed;
            }
            progress.say(elapsed.compareTo(maximum) < 0
                    ? String.format("  %s: warming up %d s more, %d s at most (--platform-warmup-max)", busiest,
                            SLICE_SECONDS, maximum.toSeconds())
                    : String.format("  %s after the most warm-up allowed, %d s (--platform-warmup-max): "
                            + "measuring anyway", busiest, maximum.toSeconds()));
        }
        return elapsed;
    }

    /** A JVM's compile time in one slice of the warm-up. */
    private record Compiling(String part, Duration compiled, Duration slice) {
        @Override
        public String toString() {
            return String.format("%s still compiling (%.1f s of JIT in the last %d s)", part,
                    compiled.toMillis() / 1e3, slice.toSeconds());
        }
    }

    /** The JVM that compiled longest in the slice, if that was more than its busy share; otherwise null. */
    private static Compiling busiest(Map<String, Duration> before, Map<String, Duration> after, Duration slice) {
        Compiling busiest = null;
        Duration most = Duration.ofNanos((long) (slice.toNanos() * BUSY_SHARE));
        for (Map.Entry<String, Duration> jvm : after.entrySet()) {
            Duration was = before.get(jvm.getKey());
            Duration compiled = was == null ? Duration.ZERO : jvm.getValue().minus(was);
            if (compiled.compareTo(most) > 0) {
                most = compiled;
                busiest = new Compiling(jvm.getKey(), compiled, slice);
            }
        }
        return busiest;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
