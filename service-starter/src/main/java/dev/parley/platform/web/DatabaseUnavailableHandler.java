package dev.parley.platform.web;

import dev.parley.platform.jdbc.DatabaseFailures;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * PostgreSQL away, or a conflict worth trying again ({@link DatabaseFailures}): 503 {@code service_unavailable}
 * with {@code Retry-After}, from every service that has a database, instead of a 500 without a problem body.
 * How soon it answers is the pool's {@code connection-timeout} (service-defaults.yml), or — for a statement already
 * sent to a server that stopped answering — the driver's {@code socketTimeout} (10 s, ADR 0031), both below the edge's
 * 30 s limit on a service. Any other database failure is an unexpected error ({@link UnexpectedErrorHandler}).
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = "org.springframework.jdbc.core.JdbcTemplate")
@RestControllerAdvice
public class DatabaseUnavailableHandler {

    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableHandler.class);

    @ExceptionHandler({DataAccessException.class, TransactionException.class})
    ResponseEntity<ProblemDetail> databaseUnavailable(Exception e, HttpServletRequest request) {
        if (!DatabaseFailures.isTransient(e)) {
            // a failure of the request itself, answered as any other error (rethrown, it got no problem at all)
            return UnexpectedErrorHandler.answer(e, request);
        }
        log.warn("Answered 503, the database is unavailable: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemResponses.problem(HttpStatus.SERVICE_UNAVAILABLE, ApiException.SERVICE_UNAVAILABLE,
                        "The service's database is unavailable right now; try again shortly."));
    }
}
