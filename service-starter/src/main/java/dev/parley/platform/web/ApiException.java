package dev.parley.platform.web;

import dev.parley.events.ErrorCode;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * An error the contract names: an HTTP status and a stable machine-readable {@code code}, answered
 * as RFC 9457 problem+json.
 */
public class ApiException extends RuntimeException {

    /** The code of {@link #unavailable}; the edge answers the same when a service does not answer. */
    public static final String SERVICE_UNAVAILABLE = "service_unavailable";

    private final HttpStatus status;
    private final String code;
    private final List<Map<String, String>> errors;

    public ApiException(HttpStatus status, String code, String detail) {
        this(status, code, detail, List.of());
    }

    /** One of the contract's error codes the message pipeline shares ({@link ErrorCode}). */
    public ApiException(HttpStatus status, ErrorCode code, String detail) {
        this(status, code.wireName(), detail, List.of());
    }

    private ApiException(HttpStatus status, String code, String detail, List<Map<String, String>> errors) {
        super(detail);
        this.status = status;
        this.code = code;
        this.errors = errors;
    }

    /** 400 {@code validation_failed} for one field, for checks bean validation cannot express. */
    public static ApiException invalid(String field, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, ErrorCode.VALIDATION_FAILED.wireName(), "The request is not valid.",
                List.of(Map.of("field", field, "message", message)));
    }

    /** 503 {@code service_unavailable}: something the service needs is away; the same request may be retried. */
    public static ApiException unavailable(String detail) {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, SERVICE_UNAVAILABLE, detail);
    }

    /** Field errors of a {@code validation_failed} problem; empty otherwise. */
    public List<Map<String, String>> errors() {
        return errors;
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }
}
