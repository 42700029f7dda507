package dev.parley.infra.launcher;

import dev.parley.infra.ThrowAwayFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * How {@code ./parley} starts a service so that it starts fast: from its jar extracted once per build
 * ({@code java -Djarmode=tools extract}, under {@code .parley/run/<service>/<build>/}), and on JDK 25 or
 * newer with an ahead-of-time cache of its classes, loaded and linked (JEP 483, 514). The first run
 * of a build records the cache as it serves ({@code -XX:AOTCacheOutput}) and writes it when it stops
 * gracefully (a kill -9 records nothing); every later start of that build uses it ({@code -XX:AOTCache}).
 * A recording whose process has ended without a cache (killed, or a failed assembly) is taken up by the next
 * start: the marker beside the cache names the recording process ({@link #started}).
 * A JVM that finds the cache unusable says so in its log and starts without it. One instance of a
 * service records at a time; tests' platforms do none of this ({@link PlatformLayout#onFreePorts}).
 *
 * <p>On unless {@code PARLEY_STARTUP_CACHE=off}: it takes {@code ./parley up} from 60–90 s to ~35 s on a 2-core
 * machine. It was opt-in while message-service started from its cache seemed to cost more CPU under W1
 * (0.36–0.42 of a core against 0.15–0.25); measured again on one build the same day, started from its jar it
 * spent 0.22–0.43 over twelve W1 runs and from its cache 0.27 and 0.32 (docs/performance.md, "Start-up"). The method
 * profiles of JEP 515 are left out: a start from a cache holding them compiled more, and took longer (stop 70: 50 s and
 * ~90 CPU-seconds for the five services against 43–49 s and 70–79, docs/performance.md, "Tried and not adopted").
 */
final class StartupCache {

    /** JDK 25 records a cache in one run (JEP 514); older JDKs only get the extracted jar. */
    static final boolean SUPPORTED = Runtime.version().feature() >= 25;
    /** A recording whose process is not known (started by an older launcher) is given up after this long. */
    private static final Duration ABANDONED = Duration.ofHours(1);
    private static final int BUILDS_KEPT = 2;
    private static final String RECORD = "-XX:AOTCacheOutput=";
    private static final String MARKER_SUFFIX = ".recording";

    private final PlatformLayout layout;
    private final String java;

    StartupCache(PlatformLayout layout, String java) {
        this.layout = layout;
        this.java = java;
    }

    /** The options and {@code -jar} argument that start {@code component}, after its memory settings. */
    List<String> launch(Component component) {
        Path app = extracted(component);
        if (!SUPPORTED) {
            return List.of("-jar", app.toString());
        }
        Path cache = app.resolveSibling("app.aot");
        if (Files.exists(cache)) {
            return List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:-AOTReplayTraining", "-XX:AOTCache=" + cache,
                    "-jar", app.toString());
        }
        if (claimRecording(cache.resolveSibling(cache.getFileName() + MARKER_SUFFIX))) {
            // the cache's assembly at exit lists hundreds of classes it leaves out, as warnings: not the log's business
            return List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:-AOTRecordTraining", RECORD + cache,
                    "-Xlog:aot*=error", "-jar", app.toString());
        }
        return List.of("-jar", app.toString());
    }

    /**
     * Notes the process a {@link #launch} command started: when that command records the cache, its marker names
     * the process, so that the next start records again as soon as this one has ended without a cache.
     */
    static void started(List<String> command, ProcessHandle process) {
        command.stream().filter(option -> option.startsWith(RECORD)).findFirst().ifPresent(option -> {
            Path marker = Path.of(option.substring(RECORD.length()) + MARKER_SUFFIX);
            try {
                Files.writeString(marker, process.pid() + " " + startOf(process));
            } catch (IOException unwritable) {
                // then the marker only ages out, as one of an older launcher's
            }
        });
    }

    /** Whether {@code process} records a cache, which it writes as it stops gracefully. */
    static boolean recording(ProcessHandle process) {
        return process.info().arguments().stream().flatMap(Arrays::stream)
                .anyMatch(option -> option.startsWith(RECORD));
    }

    /** Whether this start may record the cache: no other start of this build is recording it. */
    private static boolean claimRecording(Path marker) {
        try {
            Files.createFile(marker);
            return true;
        } catch (FileAlreadyExistsException e) {
            try {
                if (recorderEnded(Files.readString(marker).strip())
                        || Files.getLastModifiedTime(marker).toInstant().isBefore(Instant.now().minus(ABANDONED))) {
                    Files.writeString(marker, "");
                    return true;
                }
                return false;
            } catch (IOException unreadable) {
                return false;
            }
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether the marker names a process that has ended; an empty one is a start still being launched. */
    private static boolean recorderEnded(String marker) {
        String[] parts = marker.split(" ", 2);
        if (parts.length < 2 || !parts[0].matches("\\d{1,19}")) {
            return false;
        }
        return ProcessHandle.of(Long.parseLong(parts[0]))
                .filter(ProcessHandle::isAlive)
                .filter(process -> startOf(process).equals(parts[1])) // not a later process given the same pid
                .isEmpty();
    }

    private static String startOf(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toString).orElse("unknown");
    }

    /**
     * The service's application jar in its extracted build: made once per built jar (size and time), in a
     * folder of its own, so a rebuild never touches the files of a process still running the older one.
     */
    private Path extracted(Component component) {
        Path source = layout.serviceJar(component);
        try {
            String build = Files.size(source) + "-" + Files.getLastModifiedTime(source).toMillis();
            Path builds = Files.createDirectories(layout.home().resolve("run").resolve(component.id()));
            Path folder = builds.resolve(build);
            if (!Files.isDirectory(folder)) {
                Path unfinished = Files.createTempDirectory(builds, build + "-");
                extract(source, unfinished.resolve("app"));
                try {
                    Files.move(unfinished, folder, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException anotherStartWasFirst) {
                    ThrowAwayFolder.remove(unfinished);
                }
                pruneOlderBuilds(builds, folder);
            }
            Path app = folder.resolve("app").resolve(source.getFileName());
            if (!Files.exists(app)) {
                throw new IllegalStateException("Extracting " + source + " made no " + app);
            }
            return app;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare " + component.id() + " to run", e);
        }
    }

    private void extract(Path jar, Path destination) throws IOException {
        Process process = new ProcessBuilder(java, "-Djarmode=tools", "-jar", jar.toString(), "extract",
                "--destination", destination.toString()).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IOException("java -Djarmode=tools extract of " + jar + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while extracting " + jar, e);
        }
    }

    /** Keeps the newest builds (a process may still run the one before): older ones are deleted. */
    private static void pruneOlderBuilds(Path builds, Path current) throws IOException {
        List<Path> older;
        try (Stream<Path> folders = Files.list(builds)) {
            older = folders.filter(Files::isDirectory).filter(folder -> !folder.equals(current))
                    .sorted(Comparator.comparing(StartupCache::modified).reversed())
                    .skip(BUILDS_KEPT - 1).toList();
        }
        for (Path folder : older) {
            ThrowAwayFolder.remove(folder);
        }
    }

    private static FileTime modified(Path path) {
        try {
            return Files.getLastModifiedTime(path);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

}
