package dev.parley.gateway.api;

import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * A request that needs a bucket Redis lately answered empty — its address's, or its user's when the edge holds its
 * token as verified — is refused 429 here, before the security chain and without asking Redis ({@link
 * EdgeRateLimits#knownRefusal}, ADR 0038): a client flooding the edge past a limit costs it neither the chain nor a
 * round trip per request.
 */
@Component
class EarlyRefusals implements WebFilter, Ordered {

    private final EdgeRateLimits limits;

    EarlyRefusals(EdgeRateLimits limits) {
        this.limits = limits;
    }

    /** After {@link EdgeCors} (-102), which answers preflights uncounted; before the security chain (-100). */
    @Override
    public int getOrder() {
        return -101;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return limits.refusedOr(exchange, limits.knownRefusal(exchange), () -> chain.filter(exchange));
    }
}
