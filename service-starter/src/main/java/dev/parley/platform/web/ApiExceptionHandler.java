package dev.parley.platform.web;

import dev.parley.events.ErrorCode;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Turns every error a controller can raise into problem+json with a stable {@code code}. Malformed
 * JSON and wrong JSON types are validation errors too (400 {@code validation_failed}), never coerced. An
 * {@link ApiException} that says when to try again gets {@code Retry-After} here, for every service.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@RestControllerAdvice
public class ApiExceptionHandler {

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> apiException(ApiException e) {
        if (!e.errors().isEmpty()) {
            return respond(ProblemResponses.validationFailed(e.errors()));
        }
        ProblemDetail problem = ProblemResponses.problem(e.status(), e.code(), e.getMessage());
        if (e.retryAfter().isEmpty()) {
            return respond(problem);
        }
        long millis = e.retryAfter().get().toMillis();
        if (ErrorCode.RATE_LIMITED.wireName().equals(e.code())) {
            problem.setProperty("retryAfterMs", RetryAfter.millis(millis));
        }
        return ResponseEntity.status(e.status())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(RetryAfter.seconds(millis)))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ProblemDetail> invalidBody(MethodArgumentNotValidException e) {
        List<Map<String, String>> errors = e.getBindingResult().getFieldErrors().stream()
                .map(error -> Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())))
                .toList();
        return respond(ProblemResponses.validationFailed(errors));
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ProblemDetail> invalidParameter(HandlerMethodValidationException e) {
        List<Map<String, String>> errors = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream().map(error -> Map.of(
                        "field", String.valueOf(result.getMethodParameter().getParameterName()),
                        "message", String.valueOf(error.getDefaultMessage()))))
                .toList();
        return respond(ProblemResponses.validationFailed(errors));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadableBody(HttpMessageNotReadableException e) {
        String field = e.getCause() instanceof MismatchedInputException mismatch ? fieldOf(mismatch) : "body";
        String message = field.equals("body") ? "The body is not valid JSON for this request." : "Wrong JSON type.";
        return respond(ProblemResponses.validationFailed(List.of(Map.of("field", field, "message", message))));
    }

    /**
     * The field a client sent, as the contract names it: the property, not an element of it ({@code attachments}
     * for a wrong id in {@code "attachments":[…]}, contract §6), since a client corrects the property. A property
     * of a nested object is named with its path ({@code a.b}), as bean validation names it. A wrong type that is
     * not inside any property (the body is not an object) is the {@code body}.
     */
    private static String fieldOf(MismatchedInputException mismatch) {
        return mismatch.getPath().stream()
                .map(JacksonException.Reference::getPropertyName)
                .filter(Objects::nonNull)
                .reduce((outer, inner) -> outer + "." + inner)
                .orElse("body");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> wrongParameterType(MethodArgumentTypeMismatchException e) {
        return respond(ProblemResponses.validationFailed(
                List.of(Map.of("field", e.getName(), "message", "Not a valid value."))));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ProblemDetail> missingParameter(MissingServletRequestParameterException e) {
        return respond(ProblemResponses.validationFailed(
                List.of(Map.of("field", e.getParameterName(), "message", "Required."))));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ProblemDetail> noSuchPath(NoResourceFoundException e) {
        return respond(ProblemResponses.problem(HttpStatus.NOT_FOUND, ApiException.NOT_FOUND, "No such resource."));
    }

    /** With the {@code Allow} header RFC 9110 requires on a 405: the methods the path takes. */
    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> wrongMethod(HttpRequestMethodNotSupportedException e) {
        ProblemDetail problem = ProblemResponses.problem(HttpStatus.METHOD_NOT_ALLOWED, ApiException.METHOD_NOT_ALLOWED,
                e.getMessage());
        return ResponseEntity.status(problem.getStatus()).headers(e.getHeaders())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> wrongMediaType(HttpMediaTypeNotSupportedException e) {
        return respond(ProblemResponses.problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ApiException.UNSUPPORTED_MEDIA_TYPE,
                "Send application/json."));
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
