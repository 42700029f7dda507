package dev.parley.gateway.api;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsProcessor;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.cors.reactive.DefaultCorsProcessor;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Contract §7: cross-origin access only for the configured origins ({@code PARLEY_ALLOWED_ORIGINS}, comma
 * separated; none by default — the web client is served from the edge's own origin). A preflight from an
 * allowed origin is answered here with the CORS headers; a cross-origin request from any other origin is
 * refused 403 {@code origin_not_allowed}. Before the security chain, since a preflight carries no token.
 * {@code /ws} is left to ws-gateway's own origin check ({@code parley.ws.allowed-origins}): browsers apply
 * no CORS to WebSockets.
 */
@Component
class EdgeCors implements WebFilter, Ordered {

    private final CorsConfiguration allowed = new CorsConfiguration();
    private final CorsProcessor processor = new DefaultCorsProcessor();
    private final EdgeProblems problems;

    EdgeCors(@Value("${parley.edge.allowed-origins:${PARLEY_ALLOWED_ORIGINS:}}") String origins, EdgeProblems problems) {
        this.problems = problems;
        allowed.setAllowedOrigins(Arrays.stream(origins.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList());
        allowed.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"));
        allowed.setAllowedHeaders(List.of(CorsConfiguration.ALL));
        allowed.setExposedHeaders(List.of(HttpHeaders.RETRY_AFTER, HttpHeaders.LOCATION, HttpHeaders.CONTENT_DISPOSITION));
        allowed.setAllowCredentials(false); // bearer tokens, no cookies
        allowed.setMaxAge(Duration.ofHours(1));
    }

    /**
     * Before the security chain (-100) and {@link EarlyRefusals} (-101), so a preflight is never counted; after
     * {@link EdgeResponseHeaders}.
     */
    @Override
    public int getOrder() {
        return -102;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String origin = request.getHeaders().getOrigin();
        if (origin == null || sameOrigin(request, origin) || request.getPath().value().equals(WebSocketRelay.PATH)) {
            return chain.filter(exchange);
        }
        if (!processor.process(allowed, exchange)) {
            return problems.write(exchange, EdgeError.ORIGIN_NOT_ALLOWED,
                    "Cross-origin requests from " + origin + " are not allowed.");
        }
        return CorsUtils.isPreFlightRequest(request) ? Mono.empty() : chain.filter(exchange);
    }

    /**
     * The page was served by this edge: the {@code Origin}'s host and port are the {@code Host} the browser
     * sent. The scheme is not compared, since TLS may end at a proxy in front of the edge; a page on
     * {@code http://} calling {@code https://} is then merely not refused here — it still gets no CORS headers.
     */
    static boolean sameOrigin(ServerHttpRequest request, String origin) {
        InetSocketAddress host = request.getHeaders().getHost();
        URI page;
        try {
            page = URI.create(origin);
        } catch (IllegalArgumentException notAUri) {
            return false;
        }
        if (host == null || page.getHost() == null) {
            return false;
        }
        int pagePort = page.getPort() != -1 ? page.getPort() : "https".equalsIgnoreCase(page.getScheme()) ? 443 : 80;
        int hostPort = host.getPort() != 0 ? host.getPort() : pagePort;
        return stripBrackets(page.getHost()).equalsIgnoreCase(stripBrackets(host.getHostString())) && pagePort == hostPort;
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
