package dev.parley.platform.web;

import dev.parley.events.ErrorCode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.http.HttpStatus;

/**
 * An error the contract names: an HTTP status and a stable machine-readable {@code code}, answered
 * as RFC 9457 problem+json.
 */
public class ApiException extends RuntimeException {

    /** The code of {@link #unavailable}; the edge answers the same when a service does not answer. */
    public static final String SERVICE_UNAVAILABLE = "service_unavailable";
    /** A path nothing serves: the services and the edge answer it alike. */
    public static final String NOT_FOUND = "not_found";
    /** A path served, but not for this method: the services and the edge answer it alike. */
    public static final String METHOD_NOT_ALLOWED = "method_not_allowed";
    /** A body of a content type the endpoint does not take. */
    public static final String UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type";
    /** A user id no user has: auth-service's users, and room-service's, which knows them from user events. */
    public static final String USER_NOT_FOUND = "user_not_found";

    private final HttpStatus status;
    private final String code;
    private final List<Map<String, String>> errors;
    private final Duration retryAfter;

    public ApiException(HttpStatus status, String code, String detail) {
        this(status, code, detail, List.of(), null);
    }

    /** One of the contract's error codes the message pipeline shares ({@link ErrorCode}). */
    public ApiException(HttpStatus status, ErrorCode code, String detail) {
        this(status, code.wireName(), detail, List.of(), null);
    }

    /**
     * An error after which the same request may succeed once {@code retryAfter} has passed: answered with
     * {@code Retry-After} (whole seconds, at least one), and for {@code rate_limited} with {@code retryAfterMs} too, as
     * the edge answers its own limits ({@link ApiExceptionHandler}).
     */
    public ApiException(HttpStatus status, String code, String detail, Duration retryAfter) {
        this(status, code, detail, List.of(), Objects.requireNonNull(retryAfter));
    }

    private ApiException(HttpStatus status, String code, String detail, List<Map<String, String>> errors,
                         Duration retryAfter) {
        super(detail);
        this.status = status;
        this.code = code;
        this.errors = errors;
        this.retryAfter = retryAfter;
    }

    /** 400 {@code validation_failed} for one field, for checks bean validation cannot express. */
    public static ApiException invalid(String field, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, ErrorCode.VALIDATION_FAILED.wireName(), "The request is not valid.",
                List.of(Map.of("field", field, "message", message)), null);
    }

    /** 503 {@code service_unavailable}: something the service needs is away; the same request may be retried. */
    public static ApiException unavailable(String detail) {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, SERVICE_UNAVAILABLE, detail);
    }

    /** Field errors of a {@code validation_failed} problem; empty otherwise. */
    public List<Map<String, String>> errors() {
        return errors;
    }

    /** How long the client should wait before the same request, when the error says. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }
}
