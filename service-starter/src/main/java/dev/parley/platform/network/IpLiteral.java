package dev.parley.platform.network;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** An IP address written out, never a name to look up: what a client writes into a header costs no DNS query. */
final class IpLiteral {

    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9a-fA-F:.]+");

    private IpLiteral() {
    }

    /** The address {@code text} spells (dotted-quad IPv4, or IPv6), or null for a name, garbage or a shorthand. */
    static InetAddress parse(String text) {
        boolean ipv4 = IPV4.matcher(text).matches();
        if (!ipv4 && !(text.indexOf(':') >= 0 && IPV6_CHARACTERS.matcher(text).matches())) {
            return null;
        }
        try {
            // dotted quads are checked above, and with a colon InetAddress parses IPv6 or fails: no lookup either way
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
