package dev.parley.gateway.api;

import dev.parley.events.ErrorCode;
import dev.parley.platform.web.ApiException;
import org.springframework.http.HttpStatus;

/**
 * Every error the edge answers itself, before or instead of a service (contract §2: problem+json with a stable
 * {@code code}): the one home of their statuses and codes. The handlers answer with these, and the merged API
 * reference ({@code /api-docs/openapi.json}) lists them from here, so the list and the answers cannot disagree.
 * Codes a service also answers (unauthorized, rate_limited, service_unavailable, …) are the services' own words.
 */
public enum EdgeError {

    BAD_REQUEST(HttpStatus.BAD_REQUEST, "bad_request",
            "a request that cannot be read as HTTP or served (400, or the 4xx that says why, e.g. 406)"),
    VALIDATION_FAILED(HttpStatus.BAD_REQUEST, ErrorCode.VALIDATION_FAILED.wireName(),
            "a URL holding characters that could be read two ways (an encoded '/', ';', '%', a NUL, …)"),
    UNAUTHORIZED(HttpStatus.UNAUTHORIZED, ErrorCode.UNAUTHORIZED.wireName(), "a bearer token that is not valid"),
    ORIGIN_NOT_ALLOWED(HttpStatus.FORBIDDEN, ErrorCode.ORIGIN_NOT_ALLOWED.wireName(),
            "a browser origin that is not allowed"),
    NOT_FOUND(HttpStatus.NOT_FOUND, ApiException.NOT_FOUND, "a path nothing serves"),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, ApiException.METHOD_NOT_ALLOWED,
            "a method the path does not take (TRACE, an unknown method), with Allow"),
    PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "payload_too_large", "a request body over its limit"),
    FILE_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, ErrorCode.FILE_TOO_LARGE.wireName(), "an upload over its limit"),
    URI_TOO_LONG(HttpStatus.URI_TOO_LONG, "uri_too_long", "a request line over its limit"),
    REQUEST_TIMEOUT(HttpStatus.REQUEST_TIMEOUT, "request_timeout",
            "a request body that did not arrive in time (an upload: too slowly); the connection closes"),
    RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS, ErrorCode.RATE_LIMITED.wireName(), "a rate limit, with Retry-After"),
    REQUEST_HEADERS_TOO_LARGE(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "request_headers_too_large",
            "request headers over their limit"),
    INTERNAL(HttpStatus.INTERNAL_SERVER_ERROR, ErrorCode.INTERNAL.wireName(), "a fault of the edge itself"),
    BAD_GATEWAY(HttpStatus.BAD_GATEWAY, "bad_gateway",
            "a service that ended the connection without an answer; the request may have taken effect"),
    SERVICE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, ApiException.SERVICE_UNAVAILABLE,
            "a service that cannot be reached, or no room at the edge now for another request body or WebSocket, "
                    + "with Retry-After"),
    GATEWAY_TIMEOUT(HttpStatus.GATEWAY_TIMEOUT, "gateway_timeout", "a service that has not begun to answer in time");

    private final HttpStatus status;
    private final String code;
    private final String when;

    EdgeError(HttpStatus status, String code, String when) {
        this.status = status;
        this.code = code;
        this.when = when;
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** When the edge answers it, in a few words for the API reference. */
    public String when() {
        return when;
    }
}
