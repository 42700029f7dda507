package dev.parley.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free loopback ports, so tests and parallel runs never collide on a shared machine.
 *
 * <p>Ports come from below the kernel's range for outgoing connections where the machine tells it (Linux:
 * {@code /proc/sys/net/ipv4/ip_local_port_range}, 32768–60999 by default). A port the OS hands out for a
 * listener on port 0 comes from that same range, so between choosing it and a server binding it, any process's
 * next outgoing connection — a service's own to Kafka, PostgreSQL or Redis — could take it ("Port N was already in
 * use", a CI failure in stop 35). Below the range only another listener can take a port, and one chosen at
 * random among ~22,000 rarely meets one. Elsewhere, or when no port below is free, the OS chooses.
 */
public final class FreePorts {

    /** The lowest port chosen: above the well-known and most registered servers' ports. */
    static final int LOWEST = 10_000;

    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final int TRIES = 100;

    private FreePorts() {
    }

    /**
     * {@code count} ports that differ from one another: each is held open until all are chosen, else the
     * same one could be chosen twice (once Kafka's broker and controller got the same port).
     */
    public static int[] distinct(int count) {
        int below = firstEphemeralPort();
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = below > LOWEST ? bindIn(LOWEST, below) : null;
                if (socket == null) {
                    socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                }
                held.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("No free port", e);
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing a listening socket that was never used
                }
            }
        }
    }

    public static int next() {
        return distinct(1)[0];
    }

    /** A socket bound to a random free port in [{@code from}, {@code below}), or null if none was found. */
    static ServerSocket bindIn(int from, int below) {
        for (int i = 0; i < TRIES; i++) {
            int port = ThreadLocalRandom.current().nextInt(from, below);
            try {
                return new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
            } catch (IOException taken) {
                // in use: another one
            }
        }
        return null;
    }

    /** The first port of the kernel's range for outgoing connections, or 0 where it cannot tell. */
    static int firstEphemeralPort() {
        try {
            // read to the end of the line: procfs reports a size of 0, and a read by that size stops short
            String[] range = Files.readAllLines(EPHEMERAL_RANGE).getFirst().trim().split("\\s+");
            return Integer.parseInt(range[0]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
