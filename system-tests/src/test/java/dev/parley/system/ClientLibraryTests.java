package dev.parley.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.infra.launcher.Component;
import dev.parley.infra.launcher.Platform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The JavaScript client library the api-gateway serves ({@code static/lib/}), tested by its own tests
 * ({@code api-gateway/src/test/js/*.test.js}, Node's built-in runner) against this platform: their
 * {@code PARLEY_URL} is its api-gateway. The Node run's output is this test's output; a JUnit XML report of
 * it is written to {@code target/node-tests/client-library.xml}. Skipped only where there is no {@code node}.
 */
@EnabledIf("nodeInstalled")
class ClientLibraryTests {

    private static final Path TESTS = Path.of("").toAbsolutePath().getParent().resolve("api-gateway/src/test/js");
    private static final Path REPORT = Path.of("target/node-tests/client-library.xml").toAbsolutePath();

    private final Platform platform = RunningPlatform.get();

    static boolean nodeInstalled() {
        return nodeMajorVersion() > 0;
    }

    @Test
    void theClientLibrarysOwnTestsPassAgainstThePlatform() throws Exception {
        Files.createDirectories(REPORT.getParent());
        List<String> command = new ArrayList<>(List.of("node"));
        if (nodeMajorVersion() < 22) {
            command.add("--experimental-websocket"); // a global WebSocket from Node 22 on
        }
        command.addAll(List.of("--test", "--test-reporter=spec", "--test-reporter-destination=stdout",
                "--test-reporter=junit", "--test-reporter-destination=" + REPORT));
        try (Stream<Path> files = Files.list(TESTS)) {
            files.filter(file -> file.getFileName().toString().endsWith(".test.js")).sorted()
                    .forEach(file -> command.add(file.getFileName().toString()));
        }
        ProcessBuilder node = new ProcessBuilder(command).directory(TESTS.toFile()).redirectErrorStream(true);
        node.environment().put("PARLEY_URL", "http://127.0.0.1:" + platform.layout().port(Component.API_GATEWAY));
        node.environment().put("NO_COLOR", "1");
        Process run = node.start();
        StringBuilder output = new StringBuilder();
        Thread reader = Thread.ofPlatform().start(() -> run.inputReader(StandardCharsets.UTF_8).lines().forEach(line -> {
            System.out.println(line);
            synchronized (output) {
                output.append(line).append('\n');
            }
        }));
        if (!run.waitFor(4, TimeUnit.MINUTES)) {
            run.descendants().forEach(ProcessHandle::destroyForcibly);
            run.destroyForcibly();
        }
        reader.join(TimeUnit.SECONDS.toMillis(10));
        synchronized (output) {
            assertThat(run.isAlive()).as("node finished within 4 minutes:\n%s", output).isFalse();
            assertThat(run.exitValue()).as("node --test failed:\n%s", output).isZero();
            assertThat(output).as("the platform tests ran").contains("ℹ fail 0").doesNotContain("PARLEY_URL is not set");
        }
    }

    /** The major version of the {@code node} on the PATH, 0 when there is none. */
    private static int nodeMajorVersion() {
        try {
            Process version = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            String text = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return version.waitFor(10, TimeUnit.SECONDS) && version.exitValue() == 0 && text.matches("v\\d+\\..*")
                    ? Integer.parseInt(text.substring(1, text.indexOf('.'))) : 0;
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}
