package dev.parley.gateway.ws.endpoint;

import dev.parley.gateway.ws.session.AuthenticatedUser;
import dev.parley.gateway.ws.session.TokenVerifier;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Checks an {@code Authorization: Bearer} header on the upgrade request: a bad one refuses the
 * upgrade with 401; a good one makes the session ready at once. Without the header the upgrade
 * proceeds and the client must send an {@code auth} frame.
 */
@Component
class BearerTokenHandshakeInterceptor implements HandshakeInterceptor {

    static final String USER_ATTRIBUTE = AuthenticatedUser.class.getName();
    private static final String BEARER = "Bearer ";

    private final TokenVerifier tokens;

    BearerTokenHandshakeInterceptor(TokenVerifier tokens) {
        this.tokens = tokens;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                   Map<String, Object> attributes) {
        String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization == null) {
            return true;
        }
        Optional<AuthenticatedUser> user = authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? tokens.verify(authorization.substring(BEARER.length()).trim())
                : Optional.empty();
        if (user.isEmpty()) {
            response.setStatusCode(HttpStatus.UNAUTHORIZED);
            response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
            return false;
        }
        attributes.put(USER_ATTRIBUTE, user.get());
        return true;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                               Exception exception) {
    }
}
