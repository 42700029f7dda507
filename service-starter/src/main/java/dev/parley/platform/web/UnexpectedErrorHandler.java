package dev.parley.platform.web;

import dev.parley.events.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.util.DisconnectedClientHelper;

/**
 * The last word on an error (contract §2: every error is problem+json with a {@code code}): what no other handler
 * answers is 500 {@code internal}, logged with its stack; the client learns nothing of the exception. An error
 * Spring MVC raised with a 4xx of its own (a missing header, …) keeps that status, as {@code bad_request} — the
 * code the edge gives such requests.
 *
 * <p>An advice of its own, consulted last: Spring asks advices in order and takes the first with any matching
 * handler, so a catch-all in {@link ApiExceptionHandler} would also take {@link DatabaseUnavailableHandler}'s
 * exceptions.
 */
@AutoConfiguration(after = {ApiExceptionHandler.class, DatabaseUnavailableHandler.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class UnexpectedErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(UnexpectedErrorHandler.class);

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) throws Exception {
        if (e instanceof AccessDeniedException || e instanceof AuthenticationException) {
            throw e; // Spring Security's to answer: 403 forbidden, 401 unauthorized (ProblemResponses)
        }
        return answer(e, request);
    }

    static ResponseEntity<ProblemDetail> answer(Exception e, HttpServletRequest request) {
        if (DisconnectedClientHelper.isClientDisconnectedException(e)) {
            return null; // nobody left to answer
        }
        if (e instanceof ErrorResponse known && known.getStatusCode().is4xxClientError()) {
            HttpStatus status = HttpStatus.resolve(known.getStatusCode().value());
            String detail = known.getBody().getDetail();
            // a ResponseStatusException without a reason has none; a problem always says why (contract §2)
            ProblemDetail problem = ProblemResponses.problem(status == null ? HttpStatus.BAD_REQUEST : status,
                    "bad_request", detail == null || detail.isBlank() ? "The request cannot be served." : detail);
            return ResponseEntity.status(problem.getStatus()).headers(known.getHeaders())
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        log.error("Answered 500 {} to {} {}", ErrorCode.INTERNAL.wireName(), request.getMethod(),
                request.getRequestURI(), e);
        return ResponseEntity.internalServerError().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemResponses.problem(HttpStatus.INTERNAL_SERVER_ERROR, ErrorCode.INTERNAL.wireName(),
                        "Something went wrong on the server; it has been logged."));
    }
}
