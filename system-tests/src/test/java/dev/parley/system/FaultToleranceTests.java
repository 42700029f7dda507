package dev.parley.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.bench.Bench;
import dev.parley.bench.BenchContext;
import dev.parley.bench.BenchOptions;
import dev.parley.bench.report.BenchResult;
import dev.parley.bench.report.Check;
import dev.parley.bench.report.Progress;
import dev.parley.infra.launcher.Component;
import dev.parley.infra.launcher.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short form of {@code ./parley bench faults}: well-behaved clients chat through the api-gateway while
 * ws-gateway, message-service and Kafka are each killed -9 and started again; then message-service is frozen
 * (SIGSTOP) beyond its Kafka session, so that it wakes up a zombie holding a batch, and Kafka beyond its clients'
 * request timeout, so that their producers lose the topics' partitions (ws-gateway's event loops must not wait for
 * them: ADR 0024). Every check of the workload must hold — nothing acknowledged lost or duplicated, history
 * gap-free, every send acked, every client caught up, only the contract's close codes, every new request during a
 * freeze served (a clear error only from what needs the frozen process) — and the shared platform is left running
 * and healthy.
 */
class FaultToleranceTests {

    private final Platform platform = RunningPlatform.get();

    @Test
    void nothingAcknowledgedIsLostOrDuplicatedWhenGatewayMessageServiceAndKafkaAreKilledOrFrozenUnderLoad(
            @TempDir Path results) throws Exception {
        String prefix = "faults" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        BenchOptions options = new BenchOptions(Map.ofEntries(Map.entry("users-cache", "none"),
                Map.entry("user-prefix", prefix), Map.entry("results", results.toString()),
                Map.entry("faults", "ws-gateway,message-service,kafka,freeze:message-service,freeze:kafka"), Map.entry("rooms", "4"),
                Map.entry("warmup", "3s"), Map.entry("down", "2s"), Map.entry("frozen", "12s"), Map.entry("settle", "2s"),
                Map.entry("live-timeout", "60s"), Map.entry("drain", "45s")));

        BenchResult result = Bench.run(new BenchContext("faults", options, platform, platform.layout().root(),
                Progress.toConsole())).result();

        List<Check> failed = result.checks().stream().filter(check -> !check.pass()).toList();
        assertThat(failed).as("failed checks %s; closes %s; faults %s; notes %s", failed, result.details().get("closes"),
                result.details().get("faults"), result.notes()).isEmpty();
        assertThat(result.checks()).extracting(Check::name).contains("acknowledged messages lost",
                "every send acknowledged", "no gap or duplicate within a subscription",
                "new requests during a freeze succeed unless they need what is frozen");
        assertThat((List<?>) result.details().get("faults")).hasSize(5);
        assertThat(Arrays.stream(Component.values()).filter(component -> !platform.isReady(component)).toList())
                .as("components left not ready for the other system tests").isEmpty();
        try (var written = Files.list(results)) {
            assertThat(written.map(Path::toString)).anySatisfy(file -> assertThat(file).endsWith("faults-latest.html"));
        }
    }
}
