package dev.parley.gateway.api;

import dev.parley.platform.web.EveryResponse;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Contract §7 ({@link EveryResponse}): every response of the edge — a service's, the web client's files, the edge's
 * own errors, the firewall's refusals — carries {@code X-Content-Type-Options: nosniff},
 * {@code Referrer-Policy: no-referrer} and the Content-Security-Policy. Set just before the response is committed, so
 * nothing a service sent can take them away; a policy of the service's own is kept beside the edge's.
 */
@Component
class EdgeResponseHeaders implements WebFilter, Ordered {

    /** First of all filters, the firewall included, so that its refusals get the headers too. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        exchange.getResponse().beforeCommit(() -> {
            HttpHeaders headers = exchange.getResponse().getHeaders();
            EveryResponse.HEADERS.forEach((name, value) -> {
                if (!name.equals(EveryResponse.CONTENT_SECURITY_POLICY_HEADER)) {
                    headers.set(name, value);
                } else if (!headers.getOrEmpty(name).contains(value)) {
                    // A browser enforces every policy it is sent, so a service's own (a file's sandbox) stays
                    // beside the edge's: it can only make the answer stricter, never take the edge's away.
                    headers.add(name, value);
                }
            });
            return Mono.empty();
        });
        return chain.filter(exchange);
    }
}
