package dev.parley.gateway.api;

import dev.parley.platform.web.RetryAfter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Writes the edge's own answers as problem details with a {@code code} (contract §2), as the services do. */
@Component
class EdgeProblems {

    private final JsonMapper json;

    EdgeProblems(JsonMapper json) {
        this.json = json;
    }

    Mono<Void> write(ServerWebExchange exchange, EdgeError error, String detail) {
        return write(exchange, error, detail, Map.of());
    }

    /**
     * 429 {@code rate_limited} with {@code Retry-After} (whole seconds, at least 1) and {@code retryAfterMs}, as every
     * limit of the edge answers; {@code limit} names the limit in the detail.
     */
    Mono<Void> rateLimited(ServerWebExchange exchange, String limit, long retryAfterMs) {
        long seconds = RetryAfter.seconds(retryAfterMs);
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        return write(exchange, EdgeError.RATE_LIMITED, "Too many requests (" + limit + "); try again in " + seconds + " s.",
                Map.of("retryAfterMs", RetryAfter.millis(retryAfterMs)));
    }

    /** With members beyond the standard ones, e.g. {@code errors} of a validation problem. */
    Mono<Void> write(ServerWebExchange exchange, EdgeError error, String detail, Map<String, Object> more) {
        return write(exchange, error, error.status(), detail, more);
    }

    /** With a status other than the error's own: a client error named by its code, whose 4xx says why. */
    Mono<Void> write(ServerWebExchange exchange, EdgeError error, HttpStatus status, String detail,
                     Map<String, Object> more) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        String instance = exchange.getRequest().getPath().value();
        return response.writeWith(Mono.fromSupplier(
                () -> response.bufferFactory().wrap(body(error, status, detail, instance, more))));
    }

    /** The problem document itself; without {@code instance} when the request's path is not known. */
    byte[] body(EdgeError error, HttpStatus status, String detail, String instance, Map<String, Object> more) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", status.getReasonPhrase());
        body.put("status", status.value());
        body.put("detail", detail);
        if (instance != null) {
            body.put("instance", instance);
        }
        body.put("code", error.code());
        body.putAll(more);
        return json.writeValueAsBytes(body);
    }
}
