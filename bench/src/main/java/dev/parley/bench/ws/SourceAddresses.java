package dev.parley.bench.ws;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The local addresses client sockets are bound to, in turn. A TCP connection is told apart by
 * (source address, source port, destination address, destination port); from one source address to
 * one server port there are only as many connections as ephemeral ports (about 28,000 with Linux's
 * default 32768–60999). Every 127.x.y.z address is loopback on Linux, so spreading the clients over
 * several of them lifts that ceiling without any configuration.
 */
public final class SourceAddresses {

    private final List<InetAddress> addresses;
    private final AtomicInteger next = new AtomicInteger();

    private SourceAddresses(List<InetAddress> addresses) {
        this.addresses = List.copyOf(addresses);
    }

    /** {@code 127.0.0.2-127.0.0.9} (a range in the last byte) or a comma-separated list. */
    public static SourceAddresses parse(String spec) {
        List<InetAddress> addresses = new ArrayList<>();
        try {
            for (String part : spec.split(",")) {
                String item = part.strip();
                int dash = item.indexOf('-');
                if (dash < 0) {
                    addresses.add(loopback(item));
                    continue;
                }
                String first = item.substring(0, dash);
                String prefix = first.substring(0, first.lastIndexOf('.') + 1);
                int from = Integer.parseInt(first.substring(first.lastIndexOf('.') + 1));
                String last = item.substring(dash + 1);
                int to = Integer.parseInt(last.substring(last.lastIndexOf('.') + 1));
                for (int octet = from; octet <= to; octet++) {
                    addresses.add(loopback(prefix + octet));
                }
            }
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException("Not a source address list: " + spec, e);
        }
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("No source address in " + spec);
        }
        return new SourceAddresses(addresses);
    }

    public InetAddress next() {
        return addresses.get(Math.floorMod(next.getAndIncrement(), addresses.size()));
    }

    public int size() {
        return addresses.size();
    }

    @Override
    public String toString() {
        return addresses.stream().map(InetAddress::getHostAddress).toList().toString();
    }

    /** Load only ever comes from, and goes to, this machine. */
    private static InetAddress loopback(String address) throws UnknownHostException {
        if (!address.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}")) {
            throw new IllegalArgumentException(address + " is not an IPv4 address");
        }
        InetAddress parsed = InetAddress.getByName(address);
        if (!parsed.isLoopbackAddress()) {
            throw new IllegalArgumentException(address + " is not a loopback address (127.0.0.0/8)");
        }
        return parsed;
    }
}
