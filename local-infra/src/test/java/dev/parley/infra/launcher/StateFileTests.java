package dev.parley.infra.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Launchers in several processes change the state file at once: none loses what another recorded. */
class StateFileTests {

    private static final int PROCESSES = 4;
    private static final int NAMES_EACH = 150;

    @TempDir
    Path home;

    @Test
    void launchersInSeveralProcessesRecordAtOnceWithoutLosingEachOthersEntries() throws Exception {
        Path file = home.resolve("state.properties");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> writers = new ArrayList<>();
        for (int i = 0; i < PROCESSES; i++) {
            writers.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Writer.class.getName(),
                    file.toString(), "writer" + i, Integer.toString(NAMES_EACH)).inheritIO().start());
        }
        // and this process reads meanwhile, as ./parley status does: never a half-written file
        StateFile state = new StateFile(file);
        int lastSeen = 0;
        while (writers.stream().anyMatch(Process::isAlive)) {
            int seen = state.names().size();
            assertThat(seen).as("names recorded so far never shrink").isGreaterThanOrEqualTo(lastSeen);
            lastSeen = seen;
        }
        for (Process writer : writers) {
            assertThat(writer.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(writer.exitValue()).isZero();
        }
        assertThat(state.names()).hasSize(PROCESSES * NAMES_EACH);
        assertThat(state.process("writer0-0")).as("a writer that exited is no longer running").isEmpty();
    }

    @Test
    void forgettingOneNameKeepsTheOthersAndThreadsOfOneProcessShareTheLock() throws Exception {
        Path file = home.resolve("state.properties");
        List<Thread> threads = IntStream.range(0, PROCESSES).mapToObj(i -> Thread.ofPlatform().start(() -> {
            StateFile own = new StateFile(file); // an instance each, as separate launchers in one JVM have
            for (int n = 0; n < NAMES_EACH; n++) {
                own.record("thread" + i + "-" + n, ProcessHandle.current());
            }
        })).toList();
        for (Thread thread : threads) {
            thread.join();
        }
        StateFile state = new StateFile(file);
        assertThat(state.names()).hasSize(PROCESSES * NAMES_EACH);
        assertThat(state.process("thread1-7")).contains(ProcessHandle.current());
        state.forget("thread1-7");
        assertThat(state.names()).hasSize(PROCESSES * NAMES_EACH - 1).doesNotContain("thread1-7");
        assertThat(new File(file + ".next")).as("no temporary file left behind").doesNotExist();
    }

    /** One launcher process: records {@code count} names, each the process itself. */
    public static final class Writer {

        public static void main(String[] args) {
            StateFile state = new StateFile(Path.of(args[0]));
            for (int n = 0; n < Integer.parseInt(args[2]); n++) {
                state.record(args[1] + "-" + n, ProcessHandle.current());
            }
        }
    }
}
