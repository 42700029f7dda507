package dev.parley.infra.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** auth-service's key endpoint gets an operator token per run: random, never written in the repository, owner-only. */
class KeyAdminTokenTests {

    static final String VARIABLE = "PARLEY_KEY_ADMIN_TOKEN";

    @TempDir
    Path root;

    @Test
    void eachRunGivesAuthServiceARandomOperatorTokenThatOnlyItsOwnerCanRead() throws Exception {
        PlatformLayout layout = PlatformLayout.onFreePorts(root, root.resolve(".parley"), "");
        ProcessCommands commands = new ProcessCommands(layout);

        String token = commands.environment(Component.AUTH_SERVICE).get(VARIABLE);
        assertThat(token).hasSizeGreaterThanOrEqualTo(32);
        assertThat(commands.environment(Replica.parse("auth-service#2")).get(VARIABLE))
                .as("every instance of the run").isEqualTo(token);
        assertThat(new ProcessCommands(layout).environment(Component.AUTH_SERVICE).get(VARIABLE))
                .as("a restart within the run").isEqualTo(token);
        assertThat(commands.environment(Component.ROOM_SERVICE)).doesNotContainKey(VARIABLE);
        assertThat(layout.keyAdminTokenFile()).hasContent(token);
        assertThat(Files.getPosixFilePermissions(layout.keyAdminTokenFile()))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

        new Platform(layout, line -> { }).stop();
        assertThat(layout.keyAdminTokenFile()).doesNotExist();
        assertThat(new ProcessCommands(layout).environment(Component.AUTH_SERVICE).get(VARIABLE))
                .as("the next run").isNotEqualTo(token);
    }
}
