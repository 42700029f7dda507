package dev.parley.infra.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlatformLayoutTests {

    @TempDir
    Path root;

    @Test
    void aServiceRunsFromACopyThatARebuildDoesNotTouch() throws Exception {
        Path built = root.resolve("room-service/target/room-service-0.1.0-SNAPSHOT.jar");
        Files.createDirectories(built.getParent());
        Files.writeString(built, "first build");
        PlatformLayout layout = PlatformLayout.onFreePorts(root, root.resolve(".parley"), "");

        Path running = layout.runnableJar(Component.ROOM_SERVICE);
        assertThat(running).startsWith(root.resolve(".parley/run")).hasContent("first build");

        try (InputStream openByTheRunningProcess = Files.newInputStream(running)) {
            Files.writeString(built, "second build, written in place over the first");
            assertThat(running).hasContent("first build");

            Path restarted = layout.runnableJar(Component.ROOM_SERVICE);
            assertThat(restarted).isEqualTo(running).hasContent("second build, written in place over the first");
            // the older copy is replaced by a rename: a process still reading it keeps its own file
            assertThat(new String(openByTheRunningProcess.readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("first build");
        }
        try (var leftovers = Files.list(root.resolve(".parley/run"))) {
            assertThat(leftovers).containsExactly(running);
        }
    }

    @Test
    void theHandOffSocketLivesInTheRunsFolderUnlessThatPathIsTooLongForASocket() {
        Path shortHome = Path.of("/tmp/p/.parley");
        assertThat(PlatformLayout.onFreePorts(root, shortHome, "").handoffSocket())
                .hasValue(shortHome.resolve("run/ws-gateway.sock"));

        Path longHome = Path.of("/tmp", "a-checkout-folder-with-a-long-name".repeat(3), ".parley");
        Path socket = PlatformLayout.onFreePorts(root, longHome, "").handoffSocket().orElseThrow();
        assertThat(socket.toString().length()).isLessThan(100);
        assertThat(socket.getFileName().toString()).isEqualTo("ws-gateway.sock");
        assertThat(PlatformLayout.onFreePorts(root, longHome, "").handoffSocket()).as("the same for every start of a run")
                .hasValue(socket);
    }

    @Test
    void aServiceStartsWithTheHeapItsJarNames() throws Exception {
        PlatformLayout layout = PlatformLayout.onFreePorts(root, root.resolve(".parley"), "");
        jar("ws-gateway", "256m");
        jar("room-service", null);

        assertThat(layout.initialHeap(Component.WS_GATEWAY)).isEqualTo("256m");
        // a jar built before the attribute existed: the launcher says to build again rather than guess
        assertThatThrownBy(() -> layout.initialHeap(Component.ROOM_SERVICE)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(PlatformLayout.INITIAL_HEAP).hasMessageContaining("./mvnw -B package");
        jar("room-service", "-Xmx1g");
        assertThatThrownBy(() -> layout.initialHeap(Component.ROOM_SERVICE)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void everyProcessHasATemporaryFolderOfItsOwnInTheRunsHome() {
        PlatformLayout layout = PlatformLayout.onFreePorts(root, root.resolve(".parley"), "");

        assertThat(layout.tempDir("ws-gateway")).startsWithRaw(root.resolve(".parley"))
                .isNotEqualTo(layout.tempDir("ws-gateway#2")).isNotEqualTo(layout.tempDir("postgres"));
        assertThat(new ProcessCommands(layout).command(Component.KAFKA, layout.tempDir("kafka")))
                .contains("-Djava.io.tmpdir=" + layout.tempDir("kafka"));
    }

    private void jar(String module, String initialHeap) throws Exception {
        Path jar = root.resolve(module + "/target/" + module + "-0.1.0-SNAPSHOT.jar");
        Files.createDirectories(jar.getParent());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (initialHeap != null) {
            manifest.getMainAttributes().putValue(PlatformLayout.INITIAL_HEAP, initialHeap);
        }
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.putNextEntry(new JarEntry("a.txt"));
            out.closeEntry();
        }
    }
}
