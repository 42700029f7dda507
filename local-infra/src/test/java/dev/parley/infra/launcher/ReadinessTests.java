package dev.parley.infra.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What ./parley bench and the system tests ask before they start: is every component of the platform serving? */
class ReadinessTests {

    @TempDir
    Path root;

    @Test
    void infrastructureIsReadyWhileItTakesConnectionsHoweverMuchItLoggedSinceItsStart() throws IOException {
        Platform platform = new Platform(PlatformLayout.onFreePorts(root, root.resolve(".parley"), ""), line -> { });
        PlatformLayout layout = platform.layout();
        new StateFile(layout.stateFile()).record(Component.POSTGRES.id(), ProcessHandle.current());
        Path log = layout.logFile(Component.POSTGRES);
        Files.createDirectories(log.getParent());
        try (Writer out = Files.newBufferedWriter(log)) {
            out.write("READY postgres\n");
            for (int line = 0; line < 40_000; line++) { // ~3 MiB: a server logging every statement's plan
                out.write("LOG:  duration: 0.162 ms  plan: update room_sequences s set last_seq = c.last_seq …\n");
            }
        }

        try (ServerSocket server = new ServerSocket(layout.port(Component.POSTGRES), 50, InetAddress.getLoopbackAddress())) {
            assertThat(platform.isReady(Component.POSTGRES)).isTrue();
        }
        assertThat(platform.isReady(Component.POSTGRES)).as("nothing takes connections on its port").isFalse();
    }
}
