package dev.parley.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A JVM's compile time is read from its performance-data file, as the JVM itself counts it. */
class CompileTimeTests {

    @Test
    void thisJvmsCompileTimeIsWhatItsOwnCounterSays() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        long before = jit.getTotalCompilationTime();

        Duration read = CompileTime.of(ProcessHandle.current()).orElseThrow();

        long after = jit.getTotalCompilationTime();
        assertThat(before).isPositive();
        assertThat(read.toMillis()).isBetween(before, after);
    }

    @Test
    void aFileThatIsNoJvmsPerformanceDataGivesNothing(@TempDir Path dir) throws IOException {
        Path notPerfData = Files.write(dir.resolve("1"), new byte[64]);

        assertThat(CompileTime.read(notPerfData)).isEmpty();
        assertThat(CompileTime.read(dir.resolve("missing"))).isEmpty();
    }
}
