package dev.parley.platform.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class OpenFilesTests {

    @Test
    void connectionsFitUnderTheLimitAfterTheReserve() {
        assertThat(OpenFiles.connectionsFor(20_000, 1)).isEqualTo(20_000 - 1024);
        assertThat(OpenFiles.connectionsFor(20_000, 2)).isEqualTo((20_000 - 1024) / 2);
        assertThat(OpenFiles.connectionsFor(100, 2)).as("never none").isEqualTo(1);
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void theLimitIsTheProcesssSoftLimitForOpenFiles() throws IOException {
        String maxOpenFiles = Files.readAllLines(Path.of("/proc/self/limits")).stream()
                .filter(line -> line.startsWith("Max open files"))
                .findFirst().orElseThrow();
        String soft = maxOpenFiles.substring("Max open files".length()).trim().split("\\s+")[0];
        assertThat(OpenFiles.limit()).isEqualTo(Long.parseLong(soft));
    }
}
