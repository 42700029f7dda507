package dev.parley.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProcessSignalsTests {

    private Process busy;

    @BeforeEach
    void startABusyProcess() throws Exception {
        // always runnable: a busy loop on another core acts on a signal only when the kernel next interrupts it
        busy = new ProcessBuilder("sh", "-c", "while :; do :; done").start();
    }

    @AfterEach
    void endIt() {
        busy.destroyForcibly();
    }

    @Test
    void aFreezeReturnsOnceTheProcessIsStoppedAndAThawOnceItRunsAgain() throws Exception {
        for (int round = 0; round < 50; round++) {
            ProcessSignals.Freeze.STOP.send(List.of(busy.toHandle()));
            assertThat(ProcessLiveness.isStopped(busy.toHandle())).as("stopped in round %d", round).isTrue();

            ProcessSignals.Freeze.CONT.send(List.of(busy.toHandle()));
            assertThat(ProcessLiveness.isStopped(busy.toHandle())).as("running in round %d", round).isFalse();
        }
    }

    @Test
    void aProcessThatIsGoneIsNoReasonToWait() throws Exception {
        busy.destroyForcibly().waitFor();

        ProcessSignals.Freeze.STOP.send(List.of(busy.toHandle()));

        assertThat(ProcessLiveness.isRunning(busy.toHandle())).isFalse();
    }
}
