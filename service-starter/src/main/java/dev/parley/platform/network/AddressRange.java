package dev.parley.platform.network;

import java.net.InetAddress;

/** An address range in CIDR notation ({@code 10.0.0.0/8}, {@code fc00::/7}), or one address ({@code ::1}). */
public record AddressRange(byte[] network, int prefixBits) {

    public AddressRange {
        if (prefixBits < 0 || prefixBits > network.length * 8) {
            throw new IllegalArgumentException("A prefix of " + prefixBits + " bits is beyond the address's "
                    + network.length * 8);
        }
        network = network.clone();
    }

    @Override
    public byte[] network() {
        return network.clone();
    }

    /** {@code text} as a range; an IP literal only, never a name to look up. */
    public static AddressRange parse(String text) {
        String[] parts = text.strip().split("/", 2);
        InetAddress address = IpLiteral.parse(parts[0]);
        if (address == null) {
            throw new IllegalArgumentException("Not an address or CIDR range: " + text);
        }
        byte[] bytes = address.getAddress();
        try {
            return new AddressRange(bytes, parts.length == 2 ? Integer.parseInt(parts[1]) : bytes.length * 8);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Not an address or CIDR range: " + text, e);
        }
    }

    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        for (int bit = 0; bit < prefixBits; bit++) {
            int mask = 0x80 >> (bit % 8);
            if ((candidate[bit / 8] & mask) != (network[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }
}
