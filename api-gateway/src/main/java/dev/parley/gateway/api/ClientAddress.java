package dev.parley.gateway.api;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Contract §7: the client's address is the TCP peer's, unless the request came through a configured
 * trusted proxy ({@code PARLEY_TRUSTED_PROXIES}: addresses or CIDR ranges, none by default); an
 * {@code X-Forwarded-For} from anyone else is ignored. The services behind learn it from the one
 * {@code X-Forwarded-For} the edge sends them — replacing whatever the client sent — so that, say, the
 * per-address login limit counts each client, not the edge (which it did: a hundred failed logins from
 * anyone locked every user out of login).
 */
@Component
class ClientAddress implements HttpHeadersFilter, Ordered {

    private final List<Range> trustedProxies;

    ClientAddress(@Value("${parley.edge.trusted-proxies:${PARLEY_TRUSTED_PROXIES:}}") String trustedProxies) {
        this.trustedProxies = Arrays.stream(trustedProxies.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(Range::parse).toList();
    }

    /** After Spring Cloud Gateway's own forwarded-header filters, so that this header is the one that goes. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        HttpHeaders headers = new HttpHeaders();
        headers.addAll(input);
        headers.remove("Forwarded");
        headers.remove("X-Forwarded-For");
        String client = of(exchange.getRequest());
        if (client != null) {
            headers.set("X-Forwarded-For", client);
        }
        return headers;
    }

    /** The client that sent {@code request}, or null when its peer is not known. */
    String of(ServerHttpRequest request) {
        InetSocketAddress peer = request.getRemoteAddress();
        if (peer == null || peer.getAddress() == null) {
            return null;
        }
        return of(peer.getAddress(), request.getHeaders().getValuesAsList("X-Forwarded-For"));
    }

    /** The client behind {@code peer}: the peer itself, or — through trusted proxies — the last address they were given. */
    String of(InetAddress peer, List<String> forwardedFor) {
        if (!trusted(peer)) {
            return peer.getHostAddress();
        }
        List<String> hops = new ArrayList<>(forwardedFor.stream()
                .flatMap(value -> Arrays.stream(value.split(","))).map(String::strip).toList());
        String client = peer.getHostAddress();
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = literal(hops.get(i));
            if (hop == null) {
                break; // not an address: nothing further left can be believed
            }
            client = hop.getHostAddress();
            if (!trusted(hop)) {
                break;
            }
        }
        return client;
    }

    private boolean trusted(InetAddress address) {
        return trustedProxies.stream().anyMatch(range -> range.contains(address));
    }

    /** An IP literal, never a name to look up. */
    private static InetAddress literal(String text) {
        if (!text.matches("[0-9a-fA-F:.]+")) {
            return null;
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** An address range in CIDR notation ({@code 10.0.0.0/8}), or one address. */
    record Range(byte[] network, int prefixBits) {

        static Range parse(String text) {
            String[] parts = text.split("/", 2);
            InetAddress address = literal(parts[0]);
            if (address == null) {
                throw new IllegalArgumentException("Not an address or CIDR range: " + text);
            }
            byte[] bytes = address.getAddress();
            return new Range(bytes, parts.length == 2 ? Integer.parseInt(parts[1]) : bytes.length * 8);
        }

        boolean contains(InetAddress address) {
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
}
