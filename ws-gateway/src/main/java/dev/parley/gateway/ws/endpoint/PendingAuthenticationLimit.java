package dev.parley.gateway.ws.endpoint;

import dev.parley.events.ErrorCode;
import dev.parley.gateway.ws.session.PendingAuthentications;
import dev.parley.platform.web.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import tools.jackson.databind.json.JsonMapper;

/**
 * Caps the connections that will have to authenticate with an {@code auth} frame (an upgrade without a
 * header token), per instance and per client address: beyond either cap the upgrade is refused with 429
 * {@code rate_limited} as problem+json, with {@code Retry-After} (contract §7; §3 has no close code for
 * it). The client address is the servlet request's, which Tomcat takes from the {@code X-Forwarded-For}
 * of a trusted proxy ({@code server.forward-headers-strategy: native}).
 *
 * <p>The place taken here goes with the connection ({@link #PLACE_ATTRIBUTE}); when the upgrade does not
 * happen after all (not a WebSocket request, a bad version, a failure) it is given back at once.
 */
@Component
class PendingAuthenticationLimit implements HandshakeInterceptor {

    static final String PLACE_ATTRIBUTE = PendingAuthentications.Place.class.getName();
    private static final String RETRY_AFTER_SECONDS = "1";

    private final PendingAuthentications pending;
    private final ProblemResponses problems;

    PendingAuthenticationLimit(PendingAuthentications pending, JsonMapper jsonMapper) {
        this.pending = pending;
        this.problems = new ProblemResponses(jsonMapper);
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                   Map<String, Object> attributes) {
        if (attributes.containsKey(BearerTokenHandshakeInterceptor.USER_ATTRIBUTE)) {
            return true; // ready as soon as it is open
        }
        HttpServletRequest servletRequest = ((ServletServerHttpRequest) request).getServletRequest();
        Optional<PendingAuthentications.Place> place = pending.reserve(servletRequest.getRemoteAddr());
        if (place.isEmpty()) {
            refuse(response);
            return false;
        }
        attributes.put(PLACE_ATTRIBUTE, place.get());
        servletRequest.setAttribute(PLACE_ATTRIBUTE, place.get());
        return true;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                               Exception exception) {
        HttpServletRequest servletRequest = ((ServletServerHttpRequest) request).getServletRequest();
        if (servletRequest.getAttribute(PLACE_ATTRIBUTE) instanceof PendingAuthentications.Place place
                && (exception != null || !upgraded(response))) {
            place.release();
        }
    }

    private static boolean upgraded(ServerHttpResponse response) {
        return ((ServletServerHttpResponse) response).getServletResponse().getStatus()
                == HttpStatus.SWITCHING_PROTOCOLS.value();
    }

    private void refuse(ServerHttpResponse response) {
        HttpServletResponse servletResponse = ((ServletServerHttpResponse) response).getServletResponse();
        servletResponse.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        try {
            problems.write(servletResponse, ProblemResponses.problem(HttpStatus.TOO_MANY_REQUESTS,
                    ErrorCode.RATE_LIMITED.wireName(), "Too many connections are waiting to authenticate; retry later."));
        } catch (IOException e) {
            // the client went away; the status alone refuses it
        }
    }
}
