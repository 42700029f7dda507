package dev.parley.platform.network;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Contract §7: the client's address is the TCP peer's, unless the request came through a configured trusted
 * proxy ({@code parley.network.trusted-proxies}). Through trusted proxies the client is the right-most
 * {@code X-Forwarded-For} entry that no trusted proxy wrote — the entries to its left were written by whoever the
 * client is and prove nothing. An entry that is not an IP literal (a name, garbage) ends the walk at the last
 * proxy: from there on the client wrote it. The one home of this rule: the api-gateway, ws-gateway and
 * auth-service each only adapt their request to it.
 */
public final class ClientAddresses {

    public static final String X_FORWARDED_FOR = "X-Forwarded-For";

    private final List<AddressRange> trustedProxies;

    public ClientAddresses(List<AddressRange> trustedProxies) {
        this.trustedProxies = List.copyOf(trustedProxies);
    }

    /** Trusting the ranges in {@code ranges}, each an entry or comma-separated ({@code "10.0.0.0/8, ::1"}). */
    public static ClientAddresses trusting(List<String> ranges) {
        return new ClientAddresses(ranges.stream().flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::strip).filter(range -> !range.isEmpty()).map(AddressRange::parse).toList());
    }

    public List<AddressRange> trustedProxies() {
        return trustedProxies;
    }

    /**
     * The client behind {@code peer}, given the values of the request's {@code X-Forwarded-For} headers in
     * order: the peer itself, or — through trusted proxies — the last address they were given.
     */
    public String of(InetAddress peer, List<String> forwardedFor) {
        Objects.requireNonNull(peer, "peer");
        if (!trusts(peer)) {
            return peer.getHostAddress();
        }
        List<String> hops = new ArrayList<>(forwardedFor.stream().flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::strip).filter(hop -> !hop.isEmpty()).toList());
        InetAddress client = peer;
        for (int i = hops.size() - 1; i >= 0 && trusts(client); i--) {
            InetAddress hop = IpLiteral.parse(hops.get(i));
            if (hop == null) {
                break; // not an address: nothing further left can be believed
            }
            client = hop;
        }
        return client.getHostAddress();
    }

    /**
     * As {@link #of(InetAddress, List)} for a peer known by its address as text (a servlet request's
     * {@code getRemoteAddr()}); a peer that is not an IP literal is its own client.
     */
    public String of(String peer, List<String> forwardedFor) {
        InetAddress address = IpLiteral.parse(peer);
        return address == null ? peer : of(address, forwardedFor);
    }

    /**
     * As {@link #of(InetAddress, List)} for a socket's peer as a server sees it (a reactive request's or a Netty
     * channel's). A peer that is not an IP socket address (a Unix socket, a test's embedded channel) is its own
     * client, by its text; with no peer there is no client: {@code null}.
     */
    public String of(SocketAddress peer, List<String> forwardedFor) {
        if (peer instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return of(inet.getAddress(), forwardedFor);
        }
        return peer == null ? null : peer.toString();
    }

    public boolean trusts(InetAddress address) {
        return trustedProxies.stream().anyMatch(range -> range.contains(address));
    }
}
