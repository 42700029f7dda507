package dev.parley.gateway.ws.endpoint;

import dev.parley.platform.web.ProblemResponses;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import tools.jackson.databind.json.JsonMapper;

/**
 * Replaces the platform's resource-server chain with two: {@code /api/**} (only the presence
 * endpoint) is a resource server like every other service, answering 401/403 as problem+json;
 * everything else is {@code /ws}, which authenticates on its own (a header token checked in the
 * handshake, or a first {@code auth} frame a filter cannot see), and the open actuator endpoints.
 * Anything else does not exist here.
 */
@Configuration(proxyBeanMethods = false)
class GatewaySecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain presenceApiSecurityFilterChain(HttpSecurity http, JsonMapper jsonMapper) throws Exception {
        ProblemResponses problems = new ProblemResponses(jsonMapper);
        return http
                .securityMatcher("/api/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.GET, "/api/rooms/*/presence").authenticated()
                        .anyRequest().denyAll())
                .oauth2ResourceServer(oauth2 -> oauth2
                        .jwt(Customizer.withDefaults())
                        .authenticationEntryPoint(problems::unauthorized)
                        .accessDeniedHandler(problems::forbidden))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(problems::unauthorized)
                        .accessDeniedHandler(problems::forbidden))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain gatewaySecurityFilterChain(HttpSecurity http) throws Exception {
        return http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/ws", "/actuator/health", "/actuator/health/**", "/actuator/info",
                                "/actuator/prometheus", "/error").permitAll()
                        .anyRequest().denyAll())
                .build();
    }
}
