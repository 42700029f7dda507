package dev.parley.gateway.ws.endpoint;

import io.netty.handler.codec.http.HttpHeaders;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The address a connection comes from, for the per-address limits. A peer on a private, loopback or
 * link-local address is a proxy of the deployment (the api-gateway, an ingress): then the client is the
 * right-most {@code X-Forwarded-For} entry that is not such a proxy itself — the entries to its left were
 * written by whoever the client is and prove nothing. An entry that is not an IP literal (a name, garbage)
 * ends the walk at the last proxy: anything from there on was written by the client. The same internal proxies
 * as the servlet container's {@code RemoteIpValve} trusts by default.
 */
final class ClientAddress {

    private static final String X_FORWARDED_FOR = "X-Forwarded-For";
    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9a-fA-F:.]+");

    private ClientAddress() {
    }

    static String of(SocketAddress peer, HttpHeaders headers) {
        if (!(peer instanceof InetSocketAddress inet) || inet.getAddress() == null) {
            return String.valueOf(peer);
        }
        String address = inet.getAddress().getHostAddress();
        if (!isInternalProxy(inet.getAddress())) {
            return address;
        }
        List<String> forwarded = headers.getAll(X_FORWARDED_FOR);
        for (int h = forwarded.size() - 1; h >= 0; h--) {
            String[] hops = forwarded.get(h).split(",");
            for (int i = hops.length - 1; i >= 0; i--) {
                String hop = hops[i].trim();
                if (hop.isEmpty()) {
                    continue;
                }
                InetAddress literal = literal(hop);
                if (literal == null) {
                    return address; // not an address: nothing further left can be believed
                }
                if (!isInternalProxy(literal)) {
                    return hop;
                }
                address = hop;
            }
        }
        return address;
    }

    /** An IP literal, or null: a name is never looked up here. */
    private static InetAddress literal(String text) {
        boolean ipv4 = IPV4.matcher(text).matches();
        if (!ipv4 && !(text.indexOf(':') >= 0 && IPV6_CHARACTERS.matcher(text).matches())) {
            return null;
        }
        try {
            // a literal is parsed, never looked up: IPv4 checked above, IPv6 recognised by its colon
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static boolean isInternalProxy(InetAddress address) {
        if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        // carrier-grade NAT 100.64.0.0/10, and IPv6 unique local fc00::/7
        return bytes.length == 4 ? (bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64 : (bytes[0] & 0xfe) == 0xfc;
    }
}
