package dev.parley.gateway.ws.endpoint;

import dev.parley.gateway.ws.GatewayProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/**
 * Raw WebSocket (no STOMP) at {@code /ws}, with the contract's frame size limit; an upgrade is checked for a
 * header token first, and one without takes a place among the connections still to authenticate.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class WebSocketConfiguration implements WebSocketConfigurer {

    static final String PATH = "/ws";

    private final GatewayWebSocketHandler handler;
    private final BearerTokenHandshakeInterceptor bearerTokens;
    private final PendingAuthenticationLimit pendingAuthentications;
    private final GatewayProperties gateway;

    WebSocketConfiguration(GatewayWebSocketHandler handler, BearerTokenHandshakeInterceptor bearerTokens,
                           PendingAuthenticationLimit pendingAuthentications, GatewayProperties gateway) {
        this.handler = handler;
        this.bearerTokens = bearerTokens;
        this.pendingAuthentications = pendingAuthentications;
        this.gateway = gateway;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(handler, PATH)
                .addInterceptors(bearerTokens, pendingAuthentications) // in this order: a header token needs no place
                .setAllowedOriginPatterns(gateway.allowedOrigins().toArray(String[]::new));
    }
}
