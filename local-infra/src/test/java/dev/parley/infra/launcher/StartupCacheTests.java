package dev.parley.infra.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The choice of startup-cache option; the extraction itself is {@code ./parley up}'s (it needs a Boot jar). */
class StartupCacheTests {

    @TempDir
    Path root;

    private StartupCache cache;
    private Path app;

    @BeforeEach
    void aBuiltServiceAlreadyExtracted() throws Exception {
        assumeTrue(StartupCache.SUPPORTED, "the cache needs JDK 25");
        Path jar = root.resolve("ws-gateway/target/ws-gateway-0.1.0-SNAPSHOT.jar");
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "a build");
        String build = Files.size(jar) + "-" + Files.getLastModifiedTime(jar).toMillis();
        app = root.resolve(".parley/run/ws-gateway").resolve(build).resolve("app").resolve(jar.getFileName());
        Files.createDirectories(app.getParent());
        Files.writeString(app, "extracted");
        PlatformLayout layout = PlatformLayout.onFreePorts(root, root.resolve(".parley"), "");
        cache = new StartupCache(layout, "java");
    }

    @Test
    void theFirstStartOfABuildRecordsTheCacheAndAnotherInstanceMeanwhileStartsWithout() {
        List<String> first = cache.launch(Component.WS_GATEWAY);
        assertThat(first).contains("-XX:AOTCacheOutput=" + app.resolveSibling("app.aot"))
                .endsWith("-jar", app.toString());
        assertThat(cache.launch(Component.WS_GATEWAY)).containsExactly("-jar", app.toString());
    }

    @Test
    void onceRecordedEveryStartUsesTheCache() throws Exception {
        cache.launch(Component.WS_GATEWAY);
        Files.writeString(app.resolveSibling("app.aot"), "a cache");
        assertThat(cache.launch(Component.WS_GATEWAY))
                .contains("-XX:AOTCache=" + app.resolveSibling("app.aot")).endsWith("-jar", app.toString());
    }

    /** A recording killed by `bench faults` or a crash: the next start records, not one an hour later. */
    @Test
    void aRecordingWhoseProcessEndedWithoutACacheIsTakenUpByTheNextStart() throws Exception {
        List<String> recording = cache.launch(Component.WS_GATEWAY);
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        StartupCache.started(recording, ended.toHandle());

        assertThat(cache.launch(Component.WS_GATEWAY)).anyMatch(option -> option.startsWith("-XX:AOTCacheOutput="));
    }

    @Test
    void aRecordingWhoseProcessStillRunsIsLeftToIt() {
        List<String> recording = cache.launch(Component.WS_GATEWAY);
        StartupCache.started(recording, ProcessHandle.current());

        assertThat(cache.launch(Component.WS_GATEWAY)).containsExactly("-jar", app.toString());
    }

    /** `./parley down` says which services write their cache as they stop, and gives them longer. */
    @Test
    void aProcessRecordingTheCacheIsKnownByItsCommandLine() throws Exception {
        List<String> options = cache.launch(Component.WS_GATEWAY);
        String record = options.stream().filter(option -> option.startsWith("-XX:AOTCacheOutput="))
                .findFirst().orElseThrow();
        Process recording = new ProcessBuilder("bash", "-c", "sleep 30; exit", record).start(); // the option as $0
        Process plain = new ProcessBuilder("sleep", "30").start();
        try {
            assertThat(StartupCache.recording(recording.toHandle())).isTrue();
            assertThat(StartupCache.recording(plain.toHandle())).isFalse();
            assertThat(StartupCache.recording(ProcessHandle.current())).isFalse();
        } finally {
            recording.destroy();
            plain.destroy();
        }
    }

    @Test
    void aRecordingCutShortLongAgoIsTakenUpAgain() throws Exception {
        cache.launch(Component.WS_GATEWAY);
        Files.setLastModifiedTime(app.resolveSibling("app.aot.recording"),
                java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 2 * 3_600_000));
        assertThat(cache.launch(Component.WS_GATEWAY)).anyMatch(option -> option.startsWith("-XX:AOTCacheOutput="));
    }
}
