package dev.parley.gateway.ws.endpoint;

import dev.parley.platform.security.RequestAuthorizations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * ws-gateway's part of the platform's resource-server chain. {@code /ws} is a public path
 * ({@code application.yml}): the socket authenticates on its own, by a header token the handshake checks
 * or a first {@code auth} frame a filter cannot see. Of everything else only the presence endpoint exists.
 */
@Configuration(proxyBeanMethods = false)
class GatewaySecurityConfiguration {

    @Bean
    RequestAuthorizations presenceEndpointOnly() {
        return requests -> requests
                .requestMatchers(HttpMethod.GET, "/api/rooms/*/presence").authenticated()
                .requestMatchers("/**").denyAll();
    }

    /**
     * The chain leaves an upgrade's token to the handshake, which answers a bad one itself: otherwise
     * every header-authenticated connection would have its token verified twice.
     */
    @Bean
    BearerTokenResolver bearerTokenResolver() {
        RequestMatcher socket = PathPatternRequestMatcher.withDefaults().matcher(WebSocketConfiguration.PATH);
        DefaultBearerTokenResolver header = new DefaultBearerTokenResolver();
        return request -> socket.matches(request) ? null : header.resolve(request);
    }
}
