package dev.parley.infra.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/build-state.sh}, which tells {@code ./parley} whether to build before it starts the platform or a
 * benchmark, run by bash against a made-up checkout: modules with their poms, a source each and jars built after them.
 * A jar is stale when anything it is built from is newer, the project's modules its pom names and theirs in turn
 * included: a change to connection-handoff alone had once been started from the old jars.
 */
class BuildStateScriptTests {

    private static final Path SCRIPT = Path.of("").toAbsolutePath().getParent().resolve("scripts/build-state.sh");
    private static final Instant SOURCES = Instant.parse("2026-12-01T07:00:00Z");
    private static final Instant BUILT = SOURCES.plusSeconds(60);
    private static final Instant CHANGED = BUILT.plusSeconds(60);

    /** Each module and the project modules its pom names, as the real poms do (test-scoped ones too). */
    private static final Map<String, List<String>> MODULES = Map.of(
            "common-events", List.of(),
            "connection-handoff", List.of(),
            "service-starter", List.of("common-events"),
            "local-infra", List.of("common-events"),
            "auth-service", List.of("service-starter"),
            "room-service", List.of("service-starter", "common-events"),
            "message-service", List.of("service-starter", "common-events"),
            "ws-gateway", List.of("service-starter", "common-events", "connection-handoff"),
            "api-gateway", List.of("service-starter"),
            "bench", List.of("local-infra", "common-events"));

    @TempDir
    Path checkout;

    @BeforeEach
    void buildEverything() throws IOException {
        write(checkout.resolve("pom.xml"), "<artifactId>parley</artifactId>", SOURCES);
        for (var module : MODULES.entrySet()) {
            Path folder = checkout.resolve(module.getKey());
            StringBuilder pom = new StringBuilder("<artifactId>" + module.getKey() + "</artifactId>\n");
            module.getValue().forEach(dependency -> pom.append("<dependency><artifactId>").append(dependency)
                    .append("</artifactId></dependency>\n"));
            pom.append("<plugin><artifactId>maven-jar-plugin</artifactId></plugin>\n");
            write(folder.resolve("pom.xml"), pom.toString(), SOURCES);
            write(folder.resolve("src/main/java/Source.java"), "class Source {}", SOURCES);
            write(folder.resolve("target/" + module.getKey() + "-0.1.0-SNAPSHOT.jar"), "jar", BUILT);
        }
        write(checkout.resolve("local-infra/target/classpath.txt"), "", BUILT);
        write(checkout.resolve("bench/target/classpath.txt"), "", BUILT);
    }

    @Test
    void jarsBuiltAfterEverythingTheyAreBuiltFromAreUpToDate() throws Exception {
        assertThat(platformNeedsBuild()).isFalse();
        assertThat(benchNeedsBuild()).isFalse();
    }

    @Test
    void aChangeToAModuleThatOnlyOneServicesPomNamesRebuildsThePlatform() throws Exception {
        change("connection-handoff");

        assertThat(platformNeedsBuild()).isTrue();
        assertThat(benchNeedsBuild()).as("the bench is not built from it").isFalse();
    }

    @Test
    void aChangeToAModuleNamedOnlyByADependencysPomRebuildsTheServicesBuiltFromIt() throws Exception {
        MODULES.keySet().stream().filter(module -> !module.equals("service-starter") && !module.equals("common-events"))
                .forEach(module -> rewritePomWithout(module, "common-events"));

        change("common-events");

        assertThat(platformNeedsBuild()).as("auth-service names service-starter, which names common-events").isTrue();
    }

    @Test
    void aChangeToTheEventsRebuildsTheBench() throws Exception {
        change("common-events");

        assertThat(benchNeedsBuild()).isTrue();
    }

    @Test
    void aServiceWithoutItsJarRebuildsThePlatform() throws Exception {
        Files.delete(checkout.resolve("api-gateway/target/api-gateway-0.1.0-SNAPSHOT.jar"));

        assertThat(platformNeedsBuild()).isTrue();
    }

    private boolean platformNeedsBuild() throws Exception {
        return succeeds("needs_build");
    }

    private boolean benchNeedsBuild() throws Exception {
        return succeeds("bench_needs_build");
    }

    private boolean succeeds(String function) throws Exception {
        // as ./parley asks: under its shell options, in a condition
        Process bash = new ProcessBuilder("bash", "-c", "set -euo pipefail; source \"$0\"; if " + function + "; then exit 0; else exit 1; fi",
                SCRIPT.toString())
                .directory(checkout.toFile()).redirectErrorStream(true).start();
        assertThat(bash.waitFor(30, TimeUnit.SECONDS)).as("bash answered").isTrue();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.exitValue()).as("%s's answer (output: %s)", function, output).isIn(0, 1);
        return bash.exitValue() == 0;
    }

    private void change(String module) throws IOException {
        write(checkout.resolve(module).resolve("src/main/java/Source.java"), "class Source { int changed; }", CHANGED);
    }

    private void rewritePomWithout(String module, String dependency) {
        try {
            Path pom = checkout.resolve(module).resolve("pom.xml");
            String text = Files.readString(pom).replace("<dependency><artifactId>" + dependency + "</artifactId></dependency>\n", "");
            write(pom, text, SOURCES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text, Instant modified) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.from(modified));
    }
}
