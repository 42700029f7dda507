package dev.parley.gateway.api;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
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
                        .pathMatchers("/api/auth/register", "/api/auth/login", "/api/auth/refresh",
                                "/api/auth/logout", "/.well-known/**", "/ws", "/actuator/health/**",
                                "/actuator/health", "/actuator/info", "/actuator/prometheus", "/", "/index.html",
                                "/app.js", "/app.css", "/favicon.ico").permitAll()
                        .anyExchange().authenticated())
                .oauth2ResourceServer(oauth2 -> oauth2
                        .jwt(Customizer.withDefaults())
                        .authenticationEntryPoint((exchange, e) -> unauthorized(exchange, problems)))
                .exceptionHandling(errors -> errors.authenticationEntryPoint((exchange, e) -> unauthorized(exchange, problems)))
                .build();
    }

    private static Mono<Void> unauthorized(ServerWebExchange exchange, EdgeProblems problems) {
        exchange.getResponse().getHeaders().set("WWW-Authenticate", "Bearer");
        return problems.write(exchange, HttpStatus.UNAUTHORIZED, "unauthorized", "A valid bearer access token is required.");
    }
}
