package dev.parley.bench.api;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Loopback addresses in 127.77.0.0/16, one after the other, for clients that should look like separate
 * devices to the edge's per-address limits (Linux routes all of 127.0.0.0/8 to the loopback interface).
 * The range is kept apart from the WebSocket clients' source addresses (127.0.0.x) and the hostile
 * workload's attackers, so one never spends another's allowance.
 */
public final class DeviceAddresses {

    private static final AtomicInteger NEXT = new AtomicInteger((int) (System.nanoTime() & 0x3FFF));

    private DeviceAddresses() {
    }

    public static InetAddress next() {
        int n = Math.floorMod(NEXT.getAndIncrement(), 250 * 250);
        try {
            return InetAddress.getByAddress(new byte[] {127, 77, (byte) (n / 250 + 1), (byte) (n % 250 + 1)});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
