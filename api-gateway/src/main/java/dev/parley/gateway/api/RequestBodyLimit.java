package dev.parley.gateway.api;

import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpMethod;
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
 * <p>
 * The one exception is an upload ({@code POST /api/files}, contract §6): its body may hold a file of up to
 * {@code PARLEY_FILES_MAX_SIZE} (25 MB, the same variable message-service reads) plus its multipart envelope,
 * and is streamed through, never held; past that it is 413 {@code file_too_large}, as message-service would say.
 */
@Component
class RequestBodyLimit implements WebFilter, Ordered {

    static final String UPLOAD_PATH = "/api/files";
    /** message-service's allowance for the boundaries and part headers around the file (its UploadForm). */
    static final long UPLOAD_ENVELOPE_BYTES = 64 * 1024;

    /** A body past its limit, and the error that says so. */
    record Limit(long maxBytes, EdgeError error, String what) {

        String detail() {
            return "A " + what + " may hold at most " + maxBytes + " bytes.";
        }
    }

    /** Thrown while a chunked body streams through; {@link EdgeErrorHandler} answers it with the limit's code. */
    static final class TooLarge extends ResponseStatusException {

        private final transient Limit limit;

        TooLarge(Limit limit) {
            super(limit.error().status(), limit.detail());
            this.limit = limit;
        }

        Limit limit() {
            return limit;
        }
    }

    private final Limit json;
    private final Limit upload;
    private final EdgeProblems problems;

    RequestBodyLimit(@Value("${parley.edge.max-body:${PARLEY_MAX_BODY:64KB}}") DataSize maxBody,
                     @Value("${parley.edge.max-upload:${PARLEY_FILES_MAX_SIZE:25MB}}") DataSize maxUpload,
                     EdgeProblems problems) {
        this.json = new Limit(maxBody.toBytes(), EdgeError.PAYLOAD_TOO_LARGE, "request body");
        this.upload = new Limit(maxUpload.toBytes() + UPLOAD_ENVELOPE_BYTES, EdgeError.FILE_TOO_LARGE,
                "file upload");
        this.problems = problems;
    }

    /** The most a body other than an upload may hold. */
    long jsonMaxBytes() {
        return json.maxBytes();
    }

    /** Right after the security chain (-100): a refused token is answered 401 without reading the body. */
    @Override
    public int getOrder() {
        return -99;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Limit limit = limitOf(exchange.getRequest());
        long declared = exchange.getRequest().getHeaders().getContentLength();
        if (declared > limit.maxBytes()) {
            return problems.write(exchange, limit.error(), limit.detail());
        }
        if (declared >= 0) {
            return chain.filter(exchange); // the server reads no more than the declared length
        }
        ServerHttpRequest counted = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                AtomicLong seen = new AtomicLong();
                return super.getBody().handle((buffer, sink) -> {
                    if (seen.addAndGet(buffer.readableByteCount()) > limit.maxBytes()) {
                        DataBufferUtils.release(buffer);
                        sink.error(new TooLarge(limit));
                    } else {
                        sink.next(buffer);
                    }
                });
            }
        };
        return chain.filter(exchange.mutate().request(counted).build());
    }

    private Limit limitOf(ServerHttpRequest request) {
        return isUpload(request) ? upload : json;
    }

    /** An upload ({@code POST /api/files}): the one request whose body may be larger than a JSON body, and streams. */
    static boolean isUpload(ServerHttpRequest request) {
        return HttpMethod.POST.equals(request.getMethod())
                && UPLOAD_PATH.equals(request.getPath().pathWithinApplication().value());
    }
}
