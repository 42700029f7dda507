package dev.parley.gateway.api;

import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The edge rejects requests without a valid access token before they reach a service (the services
 * check again: defence in depth). WebSocket upgrades pass through, since browsers authenticate with
 * a first {@code auth} frame that only ws-gateway can read.
 */
@Configuration
class EdgeSecurityConfiguration {

    @Bean
    SecurityWebFilterChain edgeSecurity(ServerHttpSecurity http, EdgeProblems problems) {
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .authorizeExchange(exchanges -> exchanges
                        // contract §2: only register, login, refresh and the key documents are public
                        .pathMatchers("/api/auth/register", "/api/auth/login", "/api/auth/refresh",
                                "/.well-known/**", "/ws", "/actuator/health/**",
                                "/actuator/health", "/actuator/info", "/actuator/prometheus").permitAll()
                        // the web client's files: its page, its modules (app/) and the client library (lib/)
                        .pathMatchers(HttpMethod.GET, "/", "/index.html", "/app.js", "/app.css", "/favicon.ico",
                                "/app/*.js", "/lib/*.js").permitAll()
                        // the API reference (ApiDocsRoutes): read-only, outside /api/**
                        .pathMatchers(HttpMethod.GET, "/api-docs", "/api-docs/**", "/swagger-ui.html",
                                "/webjars/swagger-ui/**").permitAll()
                        .anyExchange().authenticated())
                .oauth2ResourceServer(oauth2 -> oauth2
                        .jwt(Customizer.withDefaults())
                        .authenticationEntryPoint((exchange, e) -> unauthorized(exchange, problems)))
                .exceptionHandling(errors -> errors.authenticationEntryPoint((exchange, e) -> unauthorized(exchange, problems)))
                .build();
    }

    /**
     * Spring Security's firewall refuses URLs that could be read two ways (an encoded ';', '/', '%' or
     * '\', a NUL, ...) before routing, and answered a bare 400. The firewall stays as strict; its
     * refusal becomes the contract's 400 {@code validation_failed} problem on the field {@code path}
     * (which path variable the characters were meant for is not known at the edge).
     */
    @Bean
    ServerExchangeRejectedHandler rejectedUrls(EdgeProblems problems) {
        return (exchange, rejected) -> problems.write(exchange, EdgeError.VALIDATION_FAILED,
                "The request is not valid.", Map.of("errors", List.of(Map.of("field", "path",
                        "message", "The URL contains characters that are not allowed here."))));
    }

    private static Mono<Void> unauthorized(ServerWebExchange exchange, EdgeProblems problems) {
        exchange.getResponse().getHeaders().set("WWW-Authenticate", "Bearer");
        return problems.write(exchange, EdgeError.UNAUTHORIZED, "A valid bearer access token is required.");
    }
}
