package dev.parley.gateway.api;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.PrematureCloseException;

/**
 * The edge's own errors as problem details with a {@code code} (contract §2) instead of Spring Boot's
 * default JSON: a service that cannot be reached (503, retry shortly), one that ends the connection without
 * an answer (502), one that does not answer in time (504), a path nothing serves (404). Errors a service
 * answered itself pass through untouched.
 */
@Component
@Order(-2) // before Spring Boot's DefaultErrorWebExceptionHandler
class EdgeErrorHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(EdgeErrorHandler.class);

    private final EdgeProblems problems;

    EdgeErrorHandler(EdgeProblems problems) {
        this.problems = problems;
    }

    /** The error, and the status it is answered with: the error's own, but for a client error whose 4xx says why. */
    record Problem(EdgeError error, HttpStatus status, String detail) {

        Problem(EdgeError error, String detail) {
            this(error, error.status(), detail);
        }

        String code() {
            return error.code();
        }
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(error);
        }
        Problem problem = problemFor(error);
        if (problem.error() == EdgeError.INTERNAL) {
            // nothing the edge expects: the stack trace is what tells where it came from
            log.error("{} {} answered {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                    problem.status().value(), problem.code(), error);
        } else if (problem.status().is5xxServerError()) {
            // with its cause, when it has one: "ws-gateway did not take the connection" alone does not say why
            log.warn("{} {} answered {} {}: {}{}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                    problem.status().value(), problem.code(), error.toString(),
                    error.getCause() == null ? "" : " (cause: " + error.getCause() + ")");
        }
        if (problem.error() == EdgeError.SERVICE_UNAVAILABLE) {
            response.getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
        }
        if (problem.error() == EdgeError.REQUEST_TIMEOUT) {
            response.getHeaders().setConnection("close"); // the rest of the body is unread: the connection cannot go on
        }
        if (error instanceof ResponseStatusException refused && problem.error() == EdgeError.METHOD_NOT_ALLOWED
                && !refused.getHeaders().getAllow().isEmpty()) {
            response.getHeaders().setAllow(refused.getHeaders().getAllow()); // RFC 9110: a 405 says what is allowed
        }
        return problems.write(exchange, problem.error(), problem.status(), problem.detail(), Map.of());
    }

    static Problem problemFor(Throwable error) {
        if (causedBy(error, RequestBodyDeadline.TooSlow.class)) {
            // the client's fault, not the service's: before the 504 of a late service and the 502 of its cut connection
            return new Problem(EdgeError.REQUEST_TIMEOUT, causeOf(error, RequestBodyDeadline.TooSlow.class).getReason());
        }
        if (causedBy(error, ConnectException.class) || causedBy(error, ConnectTimeoutException.class) || outOfFiles(error)
                || error instanceof ResponseStatusException unavailable && unavailable.getStatusCode().value() == 503) {
            return new Problem(EdgeError.SERVICE_UNAVAILABLE,
                    "The service behind this path cannot be reached; try again shortly.");
        }
        if (causedBy(error, TimeoutException.class) || causedBy(error, ReadTimeoutException.class)
                || error instanceof ResponseStatusException late && late.getStatusCode().value() == 504) {
            return new Problem(EdgeError.GATEWAY_TIMEOUT,
                    "The service behind this path did not answer in time.");
        }
        if (causedBy(error, PrematureCloseException.class) || resetByPeer(error)) {
            // the service took the connection and ended (FIN) or reset (RST, as a process killed with bytes unread)
            // it without an answer: the edge is fine, and whether the request took effect is not known — no retry hint
            return new Problem(EdgeError.BAD_GATEWAY,
                    "The service behind this path closed the connection before answering; the request may or may not "
                            + "have taken effect.");
        }
        if (causedBy(error, InvalidMediaTypeException.class)) {
            // e.g. "Accept: garbage/" on a file the edge serves itself (the hostile workload found it a 500)
            return new Problem(EdgeError.BAD_REQUEST, "A media type in the request is not valid.");
        }
        if (error instanceof RequestBodyLimit.TooLarge tooLarge) {
            return new Problem(tooLarge.limit().error(), tooLarge.limit().detail());
        }
        if (error instanceof ResponseStatusException refused && refused.getStatusCode().is4xxClientError()) {
            HttpStatus status = HttpStatus.valueOf(refused.getStatusCode().value());
            return switch (status) {
                case NOT_FOUND -> new Problem(EdgeError.NOT_FOUND, "No such resource.");
                case METHOD_NOT_ALLOWED ->
                        new Problem(EdgeError.METHOD_NOT_ALLOWED, "This method is not allowed here.");
                case CONTENT_TOO_LARGE -> new Problem(EdgeError.PAYLOAD_TOO_LARGE, "The request body is too large.");
                default -> new Problem(EdgeError.BAD_REQUEST, status, "The request cannot be served.");
            };
        }
        return new Problem(EdgeError.INTERNAL, "Something went wrong at the edge.");
    }

    /** The process has no file left for the connection to the service (EMFILE): a passing overload, not a fault. */
    private static boolean outOfFiles(Throwable error) {
        return causedBy(error, cause -> cause instanceof IOException && cause.getMessage() != null
                && cause.getMessage().contains("Too many open files"));
    }

    private static boolean resetByPeer(Throwable error) {
        return causedBy(error, cause -> cause instanceof IOException && cause.getMessage() != null
                && cause.getMessage().contains("Connection reset by peer"));
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        return causedBy(error, type::isInstance);
    }

    private static boolean causedBy(Throwable error, Predicate<Throwable> matches) {
        return causeOf(error, matches) != null;
    }

    private static <T extends Throwable> T causeOf(Throwable error, Class<T> type) {
        return type.cast(causeOf(error, type::isInstance));
    }

    /** The error itself or the first of its causes that matches; null when none does. */
    private static Throwable causeOf(Throwable error, Predicate<Throwable> matches) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (matches.test(cause)) {
                return cause;
            }
        }
        return null;
    }
}
