package dev.parley.gateway.api;

import dev.parley.platform.network.ClientAddresses;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Contract §7 at the edge: the client's address is {@link ClientAddresses}' — the TCP peer's, unless it is a
 * trusted proxy ({@code PARLEY_TRUSTED_PROXIES}: addresses or CIDR ranges, none by default; application.yml). The
 * services behind learn it from the one {@code X-Forwarded-For} the edge sends them — replacing whatever the
 * client sent — so that, say, the per-address login limit counts each client, not the edge (which it did: a
 * hundred failed logins from anyone locked every user out of login).
 */
@Component
class ClientAddress implements HttpHeadersFilter, Ordered {

    private final ClientAddresses clients;

    ClientAddress(ClientAddresses clients) {
        this.clients = clients;
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
        headers.remove(ClientAddresses.X_FORWARDED_FOR);
        String client = of(exchange.getRequest());
        if (client != null) {
            headers.set(ClientAddresses.X_FORWARDED_FOR, client);
        }
        return headers;
    }

    /** The client that sent {@code request}, or null when its peer is not known. */
    String of(ServerHttpRequest request) {
        return clients.of(request.getRemoteAddress(), request.getHeaders().getValuesAsList(ClientAddresses.X_FORWARDED_FOR));
    }
}
