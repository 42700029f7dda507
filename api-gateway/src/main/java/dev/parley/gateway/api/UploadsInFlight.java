package dev.parley.gateway.api;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * At most {@code parley.edge.slow-clients.uploads-per-user} (4) uploads of one user in flight through this edge at
 * once; one more is 429 {@code rate_limited} with {@code Retry-After} (ADR 0029). An upload holds a message-service
 * thread until its answer, and may take minutes at the slowest pace {@link RequestBodyDeadline} allows, so without
 * this one client could hold many of those threads with slow uploads.
 * <p>
 * Counted in this instance, not in Redis: what it protects, the threads behind the edge, grows with the instances
 * too, and a count that ends with its instance needs no expiry.
 */
@Component
class UploadsInFlight implements WebFilter, Ordered {

    private static final String LIMIT = "uploads-in-flight";
    /** When one of the uploads in flight ends is not known: they may end any moment. */
    private static final long RETRY_AFTER_MS = 1000;

    private final InFlight uploads;
    private final EdgeProblems problems;
    private final MeterRegistry meters;

    UploadsInFlight(SlowClientProperties limits, EdgeProblems problems, MeterRegistry meters) {
        this.uploads = new InFlight(limits.uploadsPerUser());
        this.problems = problems;
        this.meters = meters;
    }

    /** After the rate limits (-98): a request they refuse takes no place. */
    @Override
    public int getOrder() {
        return -97;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!RequestBodyLimit.isUpload(exchange.getRequest())) {
            return chain.filter(exchange);
        }
        return EdgeRateLimits.userOf(exchange).flatMap(user -> {
            if (user.isEmpty()) { // never here: the edge's security answers an upload without a valid token 401
                return chain.filter(exchange);
            }
            if (!uploads.enter(user, 1)) {
                EdgeRateLimits.refused(meters, LIMIT);
                return problems.rateLimited(exchange, LIMIT + ": " + uploads.most(), RETRY_AFTER_MS);
            }
            return Mono.defer(() -> chain.filter(exchange)).doFinally(signal -> uploads.leave(user, 1));
        });
    }
}
