package dev.parley.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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

    @Test
    void anEntryWhoseValueLiesOutsideTheFileGivesNothing(@TempDir Path dir) throws IOException {
        // a prologue (magic, big-endian), one entry at 32 naming the compile time, its value said to be far past the end
        ByteBuffer file = ByteBuffer.allocate(96);
        file.putInt(0, 0xcafec0c0).put(4, (byte) 0).putInt(24, 32).putInt(28, 1);
        file.putInt(32, 64).putInt(36, 20).putInt(40, 0).put(44, (byte) 'J').putInt(48, 1_000_000);
        file.put(52, "java.ci.totalTime".getBytes(StandardCharsets.US_ASCII));

        assertThat(CompileTime.read(Files.write(dir.resolve("2"), file.array()))).isEmpty();
    }
}
