package dev.parley.gateway.api;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The edge rejects requests without a valid access token before they reach a service (the services
 * check again: defence in depth). WebSocket upgrades pass through, since browsers authenticate with
 * a first {@code auth} frame that only ws-gateway can read — and so does an upgrade's bearer token, unread:
 * ws-gateway checks it and refuses a bad one with 401 itself, and a second signature check here cost the edge's event
 * loops, which also accept the connections, as much again for every upgrade in a crowd of reconnecting clients.
 */
@Configuration
class EdgeSecurityConfiguration {

    @Bean
    SecurityWebFilterChain edgeSecurity(ServerHttpSecurity http, EdgeProblems problems, EdgeRateLimits limits) {
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                // Stateless: no login page to come back to, no session. The default request cache looked up a web
                // session for every request, which made one (a SecureRandom id on another thread) and ran the rest of
                // the request off the event loop (ADR 0037).
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .authorizeExchange(exchanges -> exchanges
                        // contract §2: only register, login, refresh and the key documents are public
                        .pathMatchers("/api/auth/register", "/api/auth/login", "/api/auth/refresh",
                                "/.well-known/**", WebSocketRelay.PATH, "/actuator/health/**",
                                "/actuator/health", "/actuator/info", "/actuator/prometheus").permitAll()
                        // the web client's files: its page, its modules (app/) and the client library (lib/)
                        .pathMatchers(HttpMethod.GET, "/", "/index.html", "/app.js", "/app.css", "/favicon.ico",
                                "/app/*.js", "/lib/*.js").permitAll()
                        // the API reference (ApiDocsRoutes): read-only, outside /api/**
                        .pathMatchers(HttpMethod.GET, "/api-docs", "/api-docs/**", "/swagger-ui.html",
                                "/webjars/swagger-ui/**").permitAll()
                        .anyExchange().authenticated())
                .oauth2ResourceServer(oauth2 -> oauth2
                        .bearerTokenConverter(bearerTokens())
                        .jwt(Customizer.withDefaults())
                        .authenticationEntryPoint((exchange, e) -> unauthorized(exchange, problems, limits)))
                .exceptionHandling(errors -> errors.authenticationEntryPoint((exchange, e) -> unauthorized(exchange, problems, limits)))
                .build();
    }

    /**
     * The firewall below takes these methods only: anything else (TRACE, a made-up method) is no method of any
     * path behind the edge.
     */
    static final Set<HttpMethod> METHODS = Collections.unmodifiableSet(new LinkedHashSet<>(List.of(HttpMethod.GET,
            HttpMethod.HEAD, HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE, HttpMethod.OPTIONS)));

    /** Spring Security's strict firewall, with the methods it takes stated here, where its refusals are answered. */
    @Bean
    ServerWebExchangeFirewall edgeFirewall() {
        StrictServerWebExchangeFirewall firewall = new StrictServerWebExchangeFirewall();
        firewall.setAllowedHttpMethods(METHODS);
        return firewall;
    }

    /**
     * Spring Security's firewall refuses URLs that could be read two ways (an encoded ';', '/', '%' or
     * '\', a NUL, ...) before routing, and answered a bare 400. The firewall stays as strict; its
     * refusal becomes the contract's 400 {@code validation_failed} problem on the field {@code path}
     * (which path variable the characters were meant for is not known at the edge). A method it does not take
     * is 405 {@code method_not_allowed}, as a service answers it, with the {@code Allow} header RFC 9110 asks for.
     */
    @Bean
    ServerExchangeRejectedHandler rejectedUrls(EdgeProblems problems) {
        return (exchange, rejected) -> {
            if (!METHODS.contains(exchange.getRequest().getMethod())) {
                exchange.getResponse().getHeaders().setAllow(METHODS);
                return problems.write(exchange, EdgeError.METHOD_NOT_ALLOWED, "This method is not allowed here.");
            }
            return problems.write(exchange, EdgeError.VALIDATION_FAILED,
                    "The request is not valid.", Map.of("errors", List.of(Map.of("field", "path",
                            "message", "The URL contains characters that are not allowed here."))));
        };
    }

    /**
     * The bearer token of every request but the {@code /ws} upgrade's, which is not authenticated here at all (ws-gateway
     * checks it).
     */
    static ServerAuthenticationConverter bearerTokens() {
        ServerWebExchangeMatcher unread = ServerWebExchangeMatchers.pathMatchers(WebSocketRelay.PATH);
        ServerBearerTokenAuthenticationConverter bearer = new ServerBearerTokenAuthenticationConverter();
        return exchange -> unread.matches(exchange)
                .flatMap(match -> match.isMatch() ? Mono.empty() : bearer.convert(exchange));
    }

    /** 401, counted against the client's address as every request is: past its allowance, 429 instead. */
    private static Mono<Void> unauthorized(ServerWebExchange exchange, EdgeProblems problems, EdgeRateLimits limits) {
        return limits.unauthorized(exchange, () -> {
            exchange.getResponse().getHeaders().set("WWW-Authenticate", "Bearer");
            return problems.write(exchange, EdgeError.UNAUTHORIZED, "A valid bearer access token is required.");
        });
    }
}
