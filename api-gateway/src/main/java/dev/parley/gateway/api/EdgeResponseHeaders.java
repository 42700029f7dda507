package dev.parley.gateway.api;

import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Contract §7: every response of the edge — a service's, the web client's files, the edge's own errors,
 * the firewall's refusals — carries {@code X-Content-Type-Options: nosniff} and
 * {@code Referrer-Policy: no-referrer}, and a Content-Security-Policy that allows no inline script (the
 * web client loads its script and style from its own origin and talks to its own origin only). Images may
 * also be {@code blob:} URLs: the client shows attachments, which need the bearer token, as object URLs.
 * Set just before the response is committed, so nothing a service sent can take them away; a policy of the
 * service's own is kept beside the edge's.
 */
@Component
class EdgeResponseHeaders implements WebFilter, Ordered {

    private static final String CSP = "Content-Security-Policy";
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";
    /** Also set on the answers Netty gives before any filter runs ({@link RequestHeaderLimit}). */
    static final Map<String, String> ON_EVERY_RESPONSE = Map.of("X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer", CSP, CONTENT_SECURITY_POLICY);

    /** First of all filters, the firewall included, so that its refusals get the headers too. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        exchange.getResponse().beforeCommit(() -> {
            HttpHeaders headers = exchange.getResponse().getHeaders();
            ON_EVERY_RESPONSE.forEach((name, value) -> {
                if (!name.equals(CSP)) {
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
