package dev.parley.platform.files;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OpenFilesTests {

    @Test
    void connectionsFitUnderTheLimitAfterTheReserve() {
        assertThat(OpenFiles.connectionsFor(20_000, 1)).isEqualTo(20_000 - 1024);
        assertThat(OpenFiles.connectionsFor(20_000, 2)).isEqualTo((20_000 - 1024) / 2);
        assertThat(OpenFiles.connectionsFor(100, 2)).as("never none").isEqualTo(1);
    }

    @Test
    void thisProcessHasALimit() {
        assertThat(OpenFiles.limit()).isPositive();
    }
}
