package dev.parley.infra.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** message-service keeps uploads in the run's data, one directory for all its instances: any of them serves any file. */
class FilesDirectoryTests {

    static final String VARIABLE = "PARLEY_FILES_LOCAL_DIRECTORY";

    @TempDir
    Path root;

    @Test
    void everyMessageServiceInstanceStoresFilesInTheRunsOneDirectory() {
        PlatformLayout layout = PlatformLayout.onFreePorts(root, root.resolve(".parley"), "");
        ProcessCommands commands = new ProcessCommands(layout);

        String directory = commands.environment(Component.MESSAGE_SERVICE).get(VARIABLE);
        assertThat(Path.of(directory)).startsWithRaw(root.resolve(".parley"));
        assertThat(commands.environment(Replica.parse("message-service#2")).get(VARIABLE)).isEqualTo(directory);
        assertThat(commands.environment(Component.ROOM_SERVICE)).doesNotContainKey(VARIABLE);
    }
}
