package dev.parley.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.bench.Bench;
import dev.parley.bench.BenchContext;
import dev.parley.bench.BenchOptions;
import dev.parley.bench.chat.Correctness;
import dev.parley.bench.measure.ResourceUsage;
import dev.parley.bench.report.Progress;
import dev.parley.infra.launcher.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps {@code ./parley bench} working: its smoke workload (2 rooms × 3 members, a few seconds)
 * runs against the test platform, every delivery is checked, and the result files are written.
 * It asserts correctness only — speed on a build machine means nothing.
 */
class BenchSmokeTests {

    private final Platform platform = RunningPlatform.get();

    @Test
    void theSmokeWorkloadDeliversEveryAckedMessageToEverySubscriberOnceAndInOrder(@TempDir Path results)
            throws Exception {
        String prefix = "smoke" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        BenchOptions options = new BenchOptions(Map.of("users-cache", "none", "user-prefix", prefix,
                "results", results.toString()));

        Bench.Outcome outcome = Bench.run(new BenchContext("smoke", options, platform, platform.layout().root(),
                Progress.quiet()));

        Correctness correctness = outcome.result().correctness();
        assertThat(correctness.holds()).as("correctness: %s", correctness).isTrue();
        assertThat(correctness.sent()).as("2 rooms × 5 msgs/s for 4 s").isGreaterThanOrEqualTo(30);
        assertThat(correctness.subscriptions()).isEqualTo(6);
        assertThat(correctness.expectedDeliveries()).isEqualTo(correctness.acked() * 3);
        assertThat(outcome.result().latencies()).allSatisfy(latency -> assertThat(latency.count()).isPositive());
        assertThat(outcome.result().resources().groups()).filteredOn(group -> group.name().equals("ws-gateway"))
                .singleElement().satisfies(gateway -> assertThat(gateway.rssMaxMiB()).isPositive());
        assertThat(outcome.result().resources().groups()).extracting(ResourceUsage.Group::name)
                .contains("kafka", "postgres", "redis", "message-service", "bench");
        assertThat(Files.readString(outcome.json())).contains("\"lost\" : 0");
        assertThat(Files.readString(outcome.html())).contains("<svg", "send→delivery");
    }
}
