package dev.parley.auth.account;

import dev.parley.platform.web.ProblemResponses;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers {@link HashingBusy} from every endpoint that hashes (login, register) with its {@code Retry-After}.
 * Spring asks advices in order and takes the first with a matching handler, so this one comes before
 * service-starter's, whose {@code ApiException} handler would answer it without the header.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class HashingBusyHandler {

    @ExceptionHandler(HashingBusy.class)
    ResponseEntity<ProblemDetail> hashingBusy(HashingBusy e) {
        return ResponseEntity.status(e.status())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(HashingBusy.RETRY_AFTER.toSeconds()))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemResponses.problem(e.status(), e.code(), e.getMessage()));
    }
}
