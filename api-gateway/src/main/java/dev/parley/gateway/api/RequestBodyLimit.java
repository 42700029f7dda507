package dev.parley.gateway.api;

import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Contract §7: a request body is at most 64 KiB ({@code PARLEY_MAX_BODY}) — answered 413
 * {@code payload_too_large} before any service reads it, so no client can make a service hold a huge body
 * (a 90 MB password once could exhaust a service's heap). A declared length over the limit is refused at
 * once; a body without one (chunked) is counted as it streams through and cut off at the limit.
 */
@Component
class RequestBodyLimit implements WebFilter, Ordered {

    private final long maxBytes;
    private final EdgeProblems problems;

    RequestBodyLimit(@Value("${parley.edge.max-body:${PARLEY_MAX_BODY:64KB}}") DataSize maxBody, EdgeProblems problems) {
        this.maxBytes = maxBody.toBytes();
        this.problems = problems;
    }

    /** Right after the security chain (-100): a refused token is answered 401 without reading the body. */
    @Override
    public int getOrder() {
        return -99;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long declared = exchange.getRequest().getHeaders().getContentLength();
        if (declared > maxBytes) {
            return problems.write(exchange, HttpStatus.CONTENT_TOO_LARGE, "payload_too_large", tooLarge());
        }
        if (declared >= 0) {
            return chain.filter(exchange); // the server reads no more than the declared length
        }
        ServerHttpRequest counted = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                AtomicLong seen = new AtomicLong();
                return super.getBody().handle((buffer, sink) -> {
                    if (seen.addAndGet(buffer.readableByteCount()) > maxBytes) {
                        DataBufferUtils.release(buffer);
                        sink.error(new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE, tooLarge()));
                    } else {
                        sink.next(buffer);
                    }
                });
            }
        };
        return chain.filter(exchange.mutate().request(counted).build());
    }

    private String tooLarge() {
        return "A request body may hold at most " + maxBytes + " bytes.";
    }
}
