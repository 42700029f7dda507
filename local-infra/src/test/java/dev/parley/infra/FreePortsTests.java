package dev.parley.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FreePortsTests {

    @Test
    void portsAreChosenBelowTheRangeOutgoingConnectionsTakeTheirsFrom() throws Exception {
        int firstEphemeral = FreePorts.firstEphemeralPort();
        assumeTrue(firstEphemeral > FreePorts.LOWEST, "the machine does not tell its range for outgoing connections");
        int[] ports = FreePorts.distinct(20);
        assertThat(Arrays.stream(ports).boxed().toList())
                .allSatisfy(port -> assertThat(port).isBetween(FreePorts.LOWEST, firstEphemeral - 1));
        assertThat(Arrays.stream(ports).distinct().count()).isEqualTo(20);
        for (int port : ports) {
            try (ServerSocket bound = loopback(port)) {
                assertThat(bound.getLocalPort()).isEqualTo(port); // and it is free to bind
            }
        }
    }

    @Test
    void aPortInUseIsPassedOverAndNoneIsFoundWhenAllAreTaken() throws Exception {
        int first = threeFreeInARow();
        List<ServerSocket> held = new ArrayList<>();
        try {
            held.add(loopback(first));
            held.add(loopback(first + 1));
            try (ServerSocket chosen = FreePorts.bindIn(first, first + 3)) {
                assertThat(chosen).isNotNull();
                assertThat(chosen.getLocalPort()).isEqualTo(first + 2);
            }
            assertThat(FreePorts.bindIn(first, first + 2)).isNull();
        } finally {
            for (ServerSocket socket : held) {
                socket.close();
            }
        }
    }

    private static int threeFreeInARow() {
        for (int port = FreePorts.next(); ; port = FreePorts.next()) {
            try (ServerSocket a = loopback(port); ServerSocket b = loopback(port + 1); ServerSocket c = loopback(port + 2)) {
                return port;
            } catch (IOException taken) {
                // one of the three is in use: another start
            }
        }
    }

    private static ServerSocket loopback(int port) throws IOException {
        return new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
    }
}
