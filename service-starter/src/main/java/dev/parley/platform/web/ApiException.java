package dev.parley.platform.web;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * An error the contract names: an HTTP status and a stable machine-readable {@code code}, answered
 * as RFC 9457 problem+json.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final List<Map<String, String>> errors;

    public ApiException(HttpStatus status, String code, String detail) {
        this(status, code, detail, List.of());
    }

    private ApiException(HttpStatus status, String code, String detail, List<Map<String, String>> errors) {
        super(detail);
        this.status = status;
        this.code = code;
        this.errors = errors;
    }

    /** 400 {@code validation_failed} for one field, for checks bean validation cannot express. */
    public static ApiException invalid(String field, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, "validation_failed", "The request is not valid.",
                List.of(Map.of("field", field, "message", message)));
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
