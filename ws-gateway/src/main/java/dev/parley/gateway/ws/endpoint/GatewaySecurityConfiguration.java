package dev.parley.gateway.ws.endpoint;

import dev.parley.platform.security.RequestAuthorizations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * ws-gateway's part of the platform's resource-server chain, for its HTTP port: only the presence endpoint
 * exists there. {@code /ws} is served on a port of its own ({@link WebSocketServer}), where the socket
 * authenticates on its own, by a header token {@link UpgradeChecks} verifies or a first {@code auth} frame.
 */
@Configuration(proxyBeanMethods = false)
class GatewaySecurityConfiguration {

    @Bean
    RequestAuthorizations presenceEndpointOnly() {
        return requests -> requests
                .requestMatchers(HttpMethod.GET, "/api/rooms/*/presence").authenticated()
                .requestMatchers("/**").denyAll();
    }
}
