package dev.parley.gateway.ws.endpoint;

import dev.parley.events.ErrorCode;
import dev.parley.gateway.ws.GatewayProperties;
import dev.parley.gateway.ws.session.AuthenticatedUser;
import dev.parley.gateway.ws.session.PendingAuthentications;
import dev.parley.gateway.ws.session.TokenVerifier;
import dev.parley.platform.network.ClientAddresses;
import dev.parley.platform.web.ApiException;
import dev.parley.platform.web.ProblemResponses;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.SocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an upgrade request to {@code /ws} must pass, in this order:
 * <ol>
 * <li>a browser's {@code Origin} must be the gateway's own or one of {@code parley.ws.allowed-origins}, else 403
 *     {@code origin_not_allowed} (the edge's code for a refused origin too);</li>
 * <li>an {@code Authorization: Bearer} header, when present, must hold a valid token, else 401 — a good one
 *     makes the session ready at once; without the header the client must send an {@code auth} frame;</li>
 * <li>a connection that will have to authenticate with that frame takes a place among those still to
 *     authenticate, capped per instance and per client address ({@link #clientAddress}): beyond either cap the
 *     upgrade is refused with 429 {@code rate_limited} and {@code Retry-After} (contract §7; §3 has no close
 *     code for it).</li>
 * </ol>
 * Refusals are problem+json, as are this port's answers to anything but the upgrade. May block (a token check):
 * called on the connection workers, never on an event loop.
 */
@Component
class UpgradeChecks {

    private static final String BEARER = "Bearer ";
    private static final String RETRY_AFTER_SECONDS = "1";

    private final TokenVerifier tokens;
    private final PendingAuthentications pending;
    private final CorsConfiguration origins = new CorsConfiguration();
    private final JsonMapper jsonMapper;
    private final ClientAddresses clients;

    UpgradeChecks(TokenVerifier tokens, PendingAuthentications pending, GatewayProperties gateway, JsonMapper jsonMapper,
            ClientAddresses clients) {
        this.tokens = tokens;
        this.pending = pending;
        this.jsonMapper = jsonMapper;
        this.clients = clients;
        origins.setAllowedOriginPatterns(gateway.allowedOrigins());
    }

    /** The outcome: the connection may upgrade (with its user or its place), or is refused with a response. */
    sealed interface Verdict {
    }

    /** {@code user} when the header carried a valid token, else the {@code place} the connection holds. */
    record Accepted(AuthenticatedUser user, PendingAuthentications.Place place) implements Verdict {
    }

    record Refused(HttpResponseStatus status, Map<String, String> headers, byte[] problem) implements Verdict {
    }

    /**
     * The address a connection comes from (contract §7, {@link ClientAddresses}): its peer's, or through a trusted
     * proxy ({@code parley.network.trusted-proxies}) the {@code X-Forwarded-For} the edge wrote. A connection the
     * edge handed over (ADR 0023) has the client's own socket, whose peer is the client or the proxy in front of
     * the edge, and the edge's {@code X-Forwarded-For}.
     */
    String clientAddress(SocketAddress peer, HttpHeaders headers) {
        return clients.of(peer, headers.getAll(ClientAddresses.X_FORWARDED_FOR));
    }

    Verdict check(HttpHeaders headers, String clientAddress) {
        String origin = headers.get(HttpHeaderNames.ORIGIN);
        if (origin != null && !isSameOrigin(origin, headers.get(HttpHeaderNames.HOST)) && origins.checkOrigin(origin) == null) {
            return refuse(HttpStatus.FORBIDDEN, ErrorCode.ORIGIN_NOT_ALLOWED, "This origin may not open a WebSocket here.",
                    Map.of());
        }
        String authorization = headers.get(HttpHeaderNames.AUTHORIZATION);
        if (authorization != null) {
            Optional<AuthenticatedUser> user = authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                    ? tokens.verify(authorization.substring(BEARER.length()).trim())
                    : Optional.empty();
            return user.<Verdict>map(u -> new Accepted(u, null)).orElseGet(() -> refuse(HttpStatus.UNAUTHORIZED,
                    ErrorCode.UNAUTHORIZED, "The bearer token is not valid.",
                    Map.of(HttpHeaderNames.WWW_AUTHENTICATE.toString(), "Bearer error=\"invalid_token\"")));
        }
        return pending.reserve(clientAddress).<Verdict>map(place -> new Accepted(null, place))
                .orElseGet(() -> refuse(HttpStatus.TOO_MANY_REQUESTS, ErrorCode.RATE_LIMITED,
                        "Too many connections are waiting to authenticate; retry later.",
                        Map.of(HttpHeaderNames.RETRY_AFTER.toString(), RETRY_AFTER_SECONDS)));
    }

    private static boolean isSameOrigin(String origin, String host) {
        if (host == null) {
            return false;
        }
        try {
            URI uri = URI.create(origin);
            String authority = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            return host.equalsIgnoreCase(authority);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The answer to an upgrade on a connection beyond the server's cap ({@link UpgradeGate#FULL}). */
    Refused full() {
        return refuse(HttpStatus.SERVICE_UNAVAILABLE, ApiException.SERVICE_UNAVAILABLE,
                "This gateway holds as many connections as it can; retry shortly.",
                Map.of(HttpHeaderNames.RETRY_AFTER.toString(), RETRY_AFTER_SECONDS));
    }

    /** The answer to a request for any other path: this port serves the upgrade of {@code /ws} alone. */
    Refused notFound() {
        return refuse(HttpStatus.NOT_FOUND, ApiException.NOT_FOUND, "This port serves the WebSocket upgrade of /ws only.",
                Map.of());
    }

    /** The answer to a request for {@code /ws} with another method than the upgrade's {@code GET}. */
    Refused methodNotAllowed() {
        return refuse(HttpStatus.METHOD_NOT_ALLOWED, ApiException.METHOD_NOT_ALLOWED,
                "A WebSocket upgrade is a GET request.", Map.of(HttpHeaderNames.ALLOW.toString(), "GET"));
    }

    /** The answer to an upgrade whose checks failed, a token's keys not to be had, say: the client may try again. */
    Refused failed() {
        return refuse(HttpStatus.INTERNAL_SERVER_ERROR, ErrorCode.INTERNAL, "The upgrade request could not be checked.",
                Map.of());
    }

    /** The answer to an upgrade that arrives while the gateway stops: another instance takes it. */
    Refused stopping() {
        return refuse(HttpStatus.SERVICE_UNAVAILABLE, ApiException.SERVICE_UNAVAILABLE,
                "This gateway is stopping; retry shortly.", Map.of(HttpHeaderNames.RETRY_AFTER.toString(),
                        RETRY_AFTER_SECONDS));
    }

    private Refused refuse(HttpStatus status, ErrorCode code, String detail, Map<String, String> headers) {
        return refuse(status, code.wireName(), detail, headers);
    }

    private Refused refuse(HttpStatus status, String code, String detail, Map<String, String> headers) {
        return new Refused(HttpResponseStatus.valueOf(status.value()), headers,
                jsonMapper.writeValueAsBytes(ProblemResponses.problem(status, code, detail)));
    }
}
